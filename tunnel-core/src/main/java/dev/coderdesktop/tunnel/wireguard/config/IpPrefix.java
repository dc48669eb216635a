// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 CIDR prefix with the host bits cleared, e.g. {@code 10.0.0.0/24} or {@code
 * fd60:627a:a42b::/48}. Immutable.
 *
 * @param address the network address (host bits zero)
 * @param bits the prefix length, 0..32 or 0..128
 */
public record IpPrefix(InetAddress address, int bits) {

  /** Validates the length and clears host bits. */
  public IpPrefix {
    int max = address.getAddress().length * 8;
    if (bits < 0 || bits > max) {
      throw new IllegalArgumentException("prefix length " + bits + " out of range 0.." + max);
    }
    address = mask(address, bits);
  }

  /** Parses {@code addr/bits}, or a bare address as a host prefix. */
  public static IpPrefix parse(String text) throws IllegalArgumentException {
    String t = text.strip();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    InetAddress a = parseLiteral(addr);
    int bits = a.getAddress().length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length in " + t);
      }
    }
    return new IpPrefix(a, bits);
  }

  /** Parses an IP literal without ever consulting DNS. */
  public static InetAddress parseLiteral(String s) {
    boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      throw new IllegalArgumentException("not an IP address: " + s);
    }
    if (v4) {
      for (String part : s.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          throw new IllegalArgumentException("not an IP address: " + s);
        }
      }
    }
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + s);
    }
  }

  private static InetAddress mask(InetAddress a, int bits) {
    byte[] b = a.getAddress();
    for (int i = 0; i < b.length; i++) {
      int keep = Math.max(0, Math.min(8, bits - 8 * i));
      b[i] &= (byte) (0xff << (8 - keep));
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return address.getHostAddress() + "/" + bits;
  }
}
