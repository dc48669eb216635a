// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import java.net.URI;
import java.util.Objects;

/**
 * One region of a DERP map as the engine uses it: the id, the display name, and the {@code /derp}
 * URL of its first relay node. Immutable.
 *
 * @param id the region id (positive)
 * @param name the display name (never null; may be empty)
 * @param url the relay's {@code /derp} URL
 * @param avoid the map asks clients not to make this region their home unless nothing else works
 */
public record RelayRegion(int id, String name, URI url, boolean avoid) {

  /** Validates. */
  public RelayRegion {
    if (id <= 0) {
      throw new IllegalArgumentException("a DERP region id is positive");
    }
    name = name == null ? "" : name;
    Objects.requireNonNull(url, "url");
  }

  /**
   * Where to connect to a relay node, or null when it names no place to connect: the host name,
   * else a forced IPv4 or IPv6 address (real deployments may leave the host name empty, as coderd's
   * own test servers do); {@code https} unless the node forces HTTP; port 0 means the scheme's
   * default.
   */
  public static URI relayUrl(
      String hostName, String ipv4, String ipv6, int derpPort, boolean forceHttp) {
    String h = null;
    for (String c : new String[] {hostName, ipv4, ipv6}) {
      if (c != null && !c.isBlank() && !c.equals("none")) {
        h = c;
        break;
      }
    }
    if (h == null) {
      return null;
    }
    String scheme = forceHttp ? "http" : "https";
    int port = derpPort == 0 ? (forceHttp ? 80 : 443) : derpPort;
    String host = h.contains(":") ? "[" + h + "]" : h;
    return URI.create(scheme + "://" + host + ":" + port + "/derp");
  }
}
