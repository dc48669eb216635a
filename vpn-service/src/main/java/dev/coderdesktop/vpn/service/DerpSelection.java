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
                    .filter(n -> !n.stunOnly() && n.hostName() != null && !n.hostName().isBlank())
                    .limit(1)
                    .map(n -> new DerpSelection(r.regionId(), url(n))))
        .findFirst();
  }

  private static URI url(Values.DerpNode n) {
    String scheme = n.forceHttp() ? "http" : "https";
    int port = n.derpPort() == 0 ? (n.forceHttp() ? 80 : 443) : n.derpPort();
    String host = n.hostName().contains(":") ? "[" + n.hostName() + "]" : n.hostName();
    return URI.create(scheme + "://" + host + ":" + port + "/derp");
  }
}
