// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.net.Inet6Address;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names the shim answers for: lower-case host names under one suffix, each with its IPv6
 * addresses. Immutable; the service swaps in a new table when workspaces change.
 *
 * @param suffix the domain the shim is authoritative for, e.g. {@code coder}
 * @param hosts host name (without trailing dot) to raw 16-byte addresses
 */
public record HostTable(String suffix, Map<String, byte[][]> hosts) {

  /** Copies and normalises. */
  public HostTable {
    suffix = normalize(suffix);
    hosts = Map.copyOf(hosts);
  }

  /** A table from names to addresses. */
  public static HostTable of(String suffix, Map<String, List<Inet6Address>> names) {
    Map<String, byte[][]> h = new HashMap<>();
    names.forEach(
        (name, addrs) ->
            h.put(
                normalize(name),
                addrs.stream().map(Inet6Address::getAddress).toArray(byte[][]::new)));
    return new HostTable(suffix, h);
  }

  /** Whether {@code name} is the suffix or under it. */
  public boolean inZone(String name) {
    return name.equals(suffix) || name.endsWith("." + suffix);
  }

  /** The addresses of {@code name}, or null when unknown. */
  public byte[][] lookup(String name) {
    return hosts.get(name);
  }

  private static String normalize(String s) {
    String n = s.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
