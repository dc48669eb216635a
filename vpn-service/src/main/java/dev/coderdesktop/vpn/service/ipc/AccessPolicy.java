// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import java.io.IOException;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Who may use the service's socket: root always, plus the named users and the members of the named
 * groups, whether the group is a member's primary group (as the kernel reports the peer's
 * credentials) or one the group database lists them in (as {@code usermod -aG} does). Immutable and
 * thread-safe.
 */
public final class AccessPolicy {

  private static final Logger LOG = Logger.getLogger(AccessPolicy.class.getName());

  /** The users a group database lists as members of a group. */
  @FunctionalInterface
  public interface Membership {
    /** The listed members of {@code group}; empty when there is no such group. */
    Set<String> members(String group) throws IOException;
  }

  private final Set<String> users;
  private final Set<String> groups;
  private final Membership membership;

  /** Allowed users and groups, with membership from the system's group database. */
  public AccessPolicy(Set<String> users, Set<String> groups) {
    this(users, groups, GroupDatabase::members);
  }

  /** Allowed users and groups, with membership from {@code membership}. */
  public AccessPolicy(Set<String> users, Set<String> groups, Membership membership) {
    this.users = Set.copyOf(users);
    this.groups = Set.copyOf(groups);
    this.membership = membership;
  }

  /** Whether a peer with this user and primary group may connect. */
  public boolean allows(String user, String group) {
    if ("root".equals(user) || users.contains(user) || groups.contains(group)) {
      return true;
    }
    for (String g : groups) {
      try {
        if (membership.members(g).contains(user)) {
          return true;
        }
      } catch (IOException e) {
        LOG.warning("cannot check whether " + user + " is in group " + g + ": " + e.getMessage());
      }
    }
    return false;
  }
}
