// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import dev.coderdesktop.tunnel.path.Endpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a resolv.conf(5) file the service works with: its {@code nameserver} entries, and
 * every other setting line ({@code search}, {@code domain}, {@code options}, {@code sortlist}) kept
 * verbatim and in order so a rewritten file resolves as the original did except for the servers.
 * Immutable.
 *
 * @param nameservers the servers' addresses as written (IPv4 or IPv6, maybe with a zone)
 * @param settings the other non-comment lines, unchanged
 * @param header the first comment line, empty when the file has none (managers sign files there)
 */
public record ResolvConf(List<String> nameservers, List<String> settings, String header) {

  /** The comment that starts every file the service writes; a file starting so is ours. */
  public static final String MARKER = "# Written by coder-desktop-vpn (CoderVPN).";

  /** Copies. */
  public ResolvConf {
    nameservers = List.copyOf(nameservers);
    settings = List.copyOf(settings);
  }

  /** Reads and parses {@code file}. */
  public static ResolvConf read(Path file) throws IOException {
    return parse(Files.readAllBytes(file));
  }

  /** Parses {@code bytes} leniently, as the C library does: unknown lines are kept, not refused. */
  public static ResolvConf parse(byte[] bytes) {
    List<String> servers = new ArrayList<>();
    List<String> settings = new ArrayList<>();
    String header = "";
    boolean first = true;
    for (String raw : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("#") || line.startsWith(";")) {
        if (first) {
          header = line;
        }
        first = false;
        continue;
      }
      if (line.isEmpty()) {
        continue;
      }
      first = false;
      String[] f = line.split("\\s+");
      if (f[0].equals("nameserver")) {
        if (f.length > 1) {
          servers.add(f[1]);
        }
      } else {
        settings.add(line);
      }
    }
    return new ResolvConf(servers, settings, header);
  }

  /** Whether the service wrote this file (a leftover of a run that did not stop cleanly). */
  public boolean ours() {
    return header.equals(MARKER);
  }

  /**
   * The servers to forward to: every valid nameserver entry on port 53 except {@code self}, which
   * would loop.
   */
  public List<InetSocketAddress> upstreams(InetAddress self) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String s : nameservers) {
      InetAddress a = literal(s);
      if (a != null && !a.equals(self)) {
        out.add(new InetSocketAddress(a, 53));
      }
    }
    return out;
  }

  /** The file the service writes: the marker, why, the shim as the only server, the settings. */
  public byte[] pointedAt(InetAddress shim, String backupPath) {
    StringBuilder b = new StringBuilder();
    b.append(MARKER).append('\n');
    b.append("# The original is kept in ")
        .append(backupPath)
        .append(" and comes back when CoderVPN stops.\n");
    b.append("# Names outside the Coder suffix are forwarded to:");
    for (String s : nameservers) {
      b.append(' ').append(s);
    }
    b.append('\n');
    b.append("nameserver ").append(Endpoints.address(shim)).append('\n');
    settings.forEach(s -> b.append(s).append('\n'));
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static InetAddress literal(String s) {
    // Only literals: a host name here would make this lookup recurse into the resolver.
    if (!s.matches("[0-9a-fA-F:.%A-Za-z_-]+") || !(s.contains(".") || s.contains(":"))) {
      return null;
    }
    if (!s.contains(":") && !s.matches("[0-9.]+")) {
      return null;
    }
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException | IllegalArgumentException e) {
      return null;
    }
  }
}
