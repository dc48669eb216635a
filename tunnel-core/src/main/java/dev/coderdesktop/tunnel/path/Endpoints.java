// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's {@code endpoints} as the tailnet writes them: {@code 192.0.2.1:41641} and {@code
 * [2001:db8::1]:41641}. Stateless.
 */
public final class Endpoints {

  private Endpoints() {}

  /** The wire form of {@code a}, IPv6 in the short form of RFC 5952 ({@code [::1]:41641}). */
  public static String format(InetSocketAddress a) {
    InetAddress ip = a.getAddress();
    return (ip instanceof Inet6Address ? "[" + address(ip) + "]" : address(ip)) + ":" + a.getPort();
  }

  /**
   * An address as people, resolver files and the tailnet write it, without a zone: IPv4 dotted,
   * IPv6 in the RFC 5952 form (which the JDK does not produce). The DNS set-up writes the
   * resolver's address with it too.
   */
  public static String address(InetAddress ip) {
    return ip instanceof Inet6Address ? shortIpv6(ip.getAddress()) : ip.getHostAddress();
  }

  /** Lower-case hex groups, the longest run of two or more zero groups (the first) as "::". */
  private static String shortIpv6(byte[] b) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLen - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(g[i]));
    }
    return s.toString();
  }

  /** Every endpoint that parses as an IP literal and a port from 1 to 65535; others are skipped. */
  public static List<InetSocketAddress> parse(List<String> wire) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String s : wire) {
      InetSocketAddress a = parseOne(s);
      if (a != null) {
        out.add(a);
      }
    }
    return out;
  }

  private static InetSocketAddress parseOne(String s) {
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      return null;
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      return null; // an IPv6 address must be bracketed
    }
    try {
      int port = Integer.parseInt(s.substring(colon + 1));
      if (port < 1 || port > 65535) {
        return null;
      }
      return new InetSocketAddress(InetAddress.ofLiteral(host), port);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
