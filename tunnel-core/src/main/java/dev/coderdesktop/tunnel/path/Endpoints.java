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

  /** The wire form of {@code a}. */
  public static String format(InetSocketAddress a) {
    String ip = a.getAddress().getHostAddress();
    int zone = ip.indexOf('%');
    if (zone >= 0) {
      ip = ip.substring(0, zone);
    }
    return (a.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + a.getPort();
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
