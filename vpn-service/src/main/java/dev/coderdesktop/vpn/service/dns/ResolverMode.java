// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.util.Optional;

/**
 * The ways the service can make the system resolver send the suffix's names to the shim, one per
 * common Linux setup. The {@link #id()} is stored in the state file for crash repair and shown to
 * users; it never changes meaning.
 */
public enum ResolverMode {
  /** systemd-resolved: a per-link DNS server and a routing-only domain (split DNS). */
  SYSTEMD_RESOLVED("systemd-resolved", false),
  /** NetworkManager running dnsmasq: a {@code server=/suffix/addr} line in dnsmasq.d (split). */
  NETWORK_MANAGER_DNSMASQ("networkmanager-dnsmasq", false),
  /** NetworkManager writing resolv.conf itself: a global DNS configuration naming the shim. */
  NETWORK_MANAGER("networkmanager", true),
  /** Debian's resolvconf: a record ordered first naming the shim. */
  RESOLVCONF("resolvconf", true),
  /** openresolv: a record with the lowest metric naming the shim. */
  OPENRESOLV("openresolv", true),
  /** A plain /etc/resolv.conf, rewritten to name only the shim; the original restored on Stop. */
  DIRECT("direct", true);

  private final String id;
  private final boolean forwards;

  ResolverMode(String id, boolean forwards) {
    this.id = id;
    this.forwards = forwards;
  }

  /** The stable name, as in status and the state file. */
  public String id() {
    return id;
  }

  /**
   * Whether the shim becomes the nameserver for every name and must forward the others upstream
   * (otherwise only the suffix's names reach it).
   */
  public boolean forwards() {
    return forwards;
  }

  /** The mode called {@code id}, if any. */
  public static Optional<ResolverMode> byId(String id) {
    for (ResolverMode m : values()) {
      if (m.id.equals(id)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
