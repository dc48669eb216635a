// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.api;

import dev.coderdesktop.tunnel.control.proto.DERPMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where clients find the testbed's one DERP relay (region 999, served by the testbed itself at
 * {@code /derp}), and the two forms the DERP map takes: Tailscale's JSON for the REST API and the
 * protobuf for StreamDERPMaps. Immutable.
 *
 * @param host the address clients dial (an IP literal or name)
 * @param port the HTTP port
 * @param tls whether the relay is served over TLS (the map's {@code ForceHTTP} is its negation)
 */
public record RelayAddress(String host, int port, boolean tls) {

  /** The region id the testbed uses. */
  public static final int REGION_ID = 999;

  /** The map as {@code /api/v2/workspaceagents/connection} returns it. */
  public Map<String, Object> json() {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("Name", REGION_ID + "a");
    node.put("RegionID", REGION_ID);
    node.put("HostName", host);
    node.put("DERPPort", port);
    node.put("STUNPort", -1);
    node.put("ForceHTTP", !tls);
    Map<String, Object> region = new LinkedHashMap<>();
    region.put("EmbeddedRelay", true);
    region.put("RegionID", REGION_ID);
    region.put("RegionCode", "testbed");
    region.put("RegionName", "Testbed");
    region.put("Nodes", List.of(node));
    return Map.of("Regions", Map.of(String.valueOf(REGION_ID), region));
  }

  /** The map as StreamDERPMaps sends it. */
  public DERPMap proto() {
    return DERPMap.newBuilder()
        .putRegions(
            REGION_ID,
            DERPMap.Region.newBuilder()
                .setRegionId(REGION_ID)
                .setEmbeddedRelay(true)
                .setRegionCode("testbed")
                .setRegionName("Testbed")
                .addNodes(
                    DERPMap.Region.Node.newBuilder()
                        .setName(REGION_ID + "a")
                        .setRegionId(REGION_ID)
                        .setHostName(host)
                        .setDerpPort(port)
                        .setStunPort(-1)
                        .setForceHttp(!tls))
                .build())
        .build();
  }
}
