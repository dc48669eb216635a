// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.api;

import dev.coderdesktop.tunnel.control.proto.DERPMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where clients find the testbed's one DERP relay (region 999, served by the testbed itself at
 * {@code /derp}) and its STUN server, and the two forms the DERP map takes: Tailscale's JSON for
 * the REST API and the protobuf for StreamDERPMaps. As coderd lists its STUN addresses, the STUN
 * server is a region of its own after the relay's (1000, code {@code coder_stun_1000}) with one
 * STUN-only node. Immutable.
 *
 * @param host the address clients dial (an IP literal or name)
 * @param port the HTTP port
 * @param stunPort the STUN server's UDP port on {@code host}, or 0 for none (direct connections
 *     disabled)
 */
public record RelayAddress(String host, int port, int stunPort) {

  /** The region id the testbed uses. */
  public static final int REGION_ID = 999;

  /** The region id of the STUN server, as coderd numbers its first STUN address. */
  public static final int STUN_REGION_ID = REGION_ID + 1;

  /** The map as {@code /api/v2/workspaceagents/connection} returns it. */
  public Map<String, Object> json() {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("Name", REGION_ID + "a");
    node.put("RegionID", REGION_ID);
    node.put("HostName", host);
    node.put("DERPPort", port);
    node.put("STUNPort", -1);
    node.put("ForceHTTP", true);
    Map<String, Object> region = new LinkedHashMap<>();
    region.put("EmbeddedRelay", true);
    region.put("RegionID", REGION_ID);
    region.put("RegionCode", "testbed");
    region.put("RegionName", "Testbed");
    region.put("Nodes", List.of(node));
    Map<String, Object> regions = new LinkedHashMap<>();
    regions.put(String.valueOf(REGION_ID), region);
    if (stunPort > 0) {
      Map<String, Object> stunNode = new LinkedHashMap<>();
      stunNode.put("Name", STUN_REGION_ID + "stun0");
      stunNode.put("RegionID", STUN_REGION_ID);
      stunNode.put("HostName", host);
      stunNode.put("STUNOnly", true);
      stunNode.put("STUNPort", stunPort);
      Map<String, Object> stunRegion = new LinkedHashMap<>();
      stunRegion.put("EmbeddedRelay", false);
      stunRegion.put("RegionID", STUN_REGION_ID);
      stunRegion.put("RegionCode", "coder_stun_" + STUN_REGION_ID);
      stunRegion.put("RegionName", "Coder STUN " + STUN_REGION_ID);
      stunRegion.put("Nodes", List.of(stunNode));
      regions.put(String.valueOf(STUN_REGION_ID), stunRegion);
    }
    return Map.of("Regions", regions);
  }

  /** The map as StreamDERPMaps sends it. */
  public DERPMap proto() {
    DERPMap.Builder map = DERPMap.newBuilder();
    if (stunPort > 0) {
      map.putRegions(
          STUN_REGION_ID,
          DERPMap.Region.newBuilder()
              .setRegionId(STUN_REGION_ID)
              .setRegionCode("coder_stun_" + STUN_REGION_ID)
              .setRegionName("Coder STUN " + STUN_REGION_ID)
              .addNodes(
                  DERPMap.Region.Node.newBuilder()
                      .setName(STUN_REGION_ID + "stun0")
                      .setRegionId(STUN_REGION_ID)
                      .setHostName(host)
                      .setStunOnly(true)
                      .setStunPort(stunPort))
              .build());
    }
    return map.putRegions(
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
                        .setForceHttp(true))
                .build())
        .build();
  }
}
