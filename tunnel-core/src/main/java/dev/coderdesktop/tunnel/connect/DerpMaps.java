// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import dev.coderdesktop.tunnel.control.proto.DERPMap;
import dev.coderdesktop.tunnel.derp.RelayRegion;
import dev.coderdesktop.tunnel.derp.RelayRegions;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The relay regions of a streamed DERP map (tailnet.proto). Stateless. */
public final class DerpMaps {

  private DerpMaps() {}

  /**
   * Each region with a relay node, represented by its first such node (STUN-only nodes and nodes
   * naming no host are skipped, as are regions left with none).
   */
  public static RelayRegions regions(DERPMap map) {
    Map<Integer, RelayRegion> out = new HashMap<>();
    for (DERPMap.Region r : map.getRegionsMap().values()) {
      if (r.getRegionId() <= 0 || r.getRegionId() > Integer.MAX_VALUE) {
        continue;
      }
      for (DERPMap.Region.Node n : r.getNodesList()) {
        URI url =
            n.getStunOnly()
                ? null
                : RelayRegion.relayUrl(
                    n.getHostName(), n.getIpv4(), n.getIpv6(), n.getDerpPort(), n.getForceHttp());
        if (url != null) {
          int id = (int) r.getRegionId();
          out.put(id, new RelayRegion(id, r.getRegionName(), url, r.getAvoid()));
          break;
        }
      }
    }
    return new RelayRegions(out);
  }
}
