// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service;

import dev.coderdesktop.coder.sdk.Values;
import java.net.URI;
import java.util.Comparator;
import java.util.Optional;

/**
 * Picks the home DERP relay from a deployment's DERP map: the lowest-numbered region that is not
 * STUN-only, its first relay node. (Latency-based choice across several regions comes later.)
 *
 * @param regionId the chosen region
 * @param url the relay's {@code /derp} URL
 */
public record DerpSelection(int regionId, URI url) {

  /** The home relay, or empty when the map has none. */
  public static Optional<DerpSelection> choose(Values.DerpMap map) {
    if (map == null || map.regions() == null) {
      return Optional.empty();
    }
    return map.regions().values().stream()
        .filter(r -> r.nodes() != null)
        .sorted(Comparator.comparingInt(Values.DerpRegion::regionId))
        .flatMap(
            r ->
                r.nodes().stream()
                    .filter(n -> !n.stunOnly() && host(n) != null)
                    .limit(1)
                    .map(n -> new DerpSelection(r.regionId(), url(n))))
        .findFirst();
  }

  /**
   * Where to connect: the host name, or else a forced address (real deployments may leave the host
   * name empty and give only an IPv4 or IPv6 address, as coderd's own test servers do).
   */
  private static String host(Values.DerpNode n) {
    for (String h : new String[] {n.hostName(), n.ipv4(), n.ipv6()}) {
      if (h != null && !h.isBlank() && !h.equals("none")) {
        return h;
      }
    }
    return null;
  }

  private static URI url(Values.DerpNode n) {
    String scheme = n.forceHttp() ? "http" : "https";
    int port = n.derpPort() == 0 ? (n.forceHttp() ? 80 : 443) : n.derpPort();
    String h = host(n);
    String host = h.contains(":") ? "[" + h + "]" : h;
    return URI.create(scheme + "://" + host + ":" + port + "/derp");
  }
}
