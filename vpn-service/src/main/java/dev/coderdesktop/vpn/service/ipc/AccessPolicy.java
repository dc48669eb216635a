// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import java.util.Set;

/**
 * Who may use the service's socket: root always, plus the named users and members of the named
 * groups (as the kernel reports the peer's credentials). Immutable.
 *
 * @param users allowed user names
 * @param groups allowed primary group names
 */
public record AccessPolicy(Set<String> users, Set<String> groups) {

  /** Copies. */
  public AccessPolicy {
    users = Set.copyOf(users);
    groups = Set.copyOf(groups);
  }

  /** Whether a peer with this user and primary group may connect. */
  public boolean allows(String user, String group) {
    return "root".equals(user) || users.contains(user) || groups.contains(group);
  }
}
