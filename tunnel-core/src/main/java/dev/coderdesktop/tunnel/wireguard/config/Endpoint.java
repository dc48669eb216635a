// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.config;

import dev.coderdesktop.tunnel.bind.UdpEndpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A configured peer endpoint: a host name or address literal and a UDP port, written {@code
 * host:port}, {@code 1.2.3.4:port} or {@code [v6]:port}. Immutable; unresolved until {@link
 * #resolve()}.
 */
public record Endpoint(String host, int port) {

  /** Validates the port range and that the host is non-empty. */
  public Endpoint {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("bad endpoint");
    }
  }

  /**
   * Parses {@code host:port} or {@code [v6]:port}.
   *
   * @throws IllegalArgumentException when the text is not of that form
   */
  public static Endpoint parse(String text) {
    String s = text.strip();
    String host;
    String port;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("bad endpoint");
      }
      host = s.substring(1, close);
      IpPrefix.parseLiteral(host);
      if (host.indexOf(':') < 0) {
        throw new IllegalArgumentException("brackets are for IPv6 addresses");
      }
      port = s.substring(close + 2);
    } else {
      int colon = s.lastIndexOf(':');
      if (colon <= 0 || s.indexOf(':') != colon) {
        throw new IllegalArgumentException("bad endpoint");
      }
      host = s.substring(0, colon);
      port = s.substring(colon + 1);
      if (!host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-')) {
        throw new IllegalArgumentException("bad host");
      }
    }
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("bad port");
    }
    return new Endpoint(host, Integer.parseInt(port));
  }

  /** Whether the host is an IPv6 literal. */
  public boolean isIpv6Literal() {
    return host.indexOf(':') >= 0;
  }

  /**
   * Resolves the host (a name lookup unless it is a literal) into a UDP endpoint.
   *
   * @throws UnknownHostException when the name does not resolve
   */
  public UdpEndpoint resolve() throws UnknownHostException {
    InetAddress a = InetAddress.getByName(isIpv6Literal() ? "[" + host + "]" : host);
    return new UdpEndpoint(new InetSocketAddress(a, port));
  }

  @Override
  public String toString() {
    return isIpv6Literal() ? "[" + host + "]:" + port : host + ":" + port;
  }
}
