// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.api;

import dev.coderdesktop.tunnel.control.proto.DERPMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where clients find the testbed's DERP relays (region 999, served by the testbed itself at {@code
 * /derp}, and with more than one region the extra regions 998, 997, ..., each a relay on a port of
 * its own) and its STUN server, and the two forms the DERP map takes: Tailscale's JSON for the REST
 * API and the protobuf for StreamDERPMaps. As coderd lists its STUN addresses, the STUN server is a
 * region of its own after the relay's (1000, code {@code coder_stun_1000}) with one STUN-only node.
 * Immutable.
 *
 * @param host the address clients dial (an IP literal or name)
 * @param port the HTTP port
 * @param stunPort the STUN server's UDP port on {@code host}, or 0 for none (direct connections
 *     disabled)
 * @param tls whether the relay is served over TLS (the map's {@code ForceHTTP} is its negation)
 * @param extraPorts the HTTP ports of the extra regions' relays, in region order (998 first)
 */
public record RelayAddress(
    String host, int port, int stunPort, boolean tls, List<Integer> extraPorts) {

  /** Copies. */
  public RelayAddress {
    extraPorts = List.copyOf(extraPorts);
  }

  /** A plain-HTTP relay. */
  public RelayAddress(String host, int port, int stunPort) {
    this(host, port, stunPort, false);
  }

  /** One region. */
  public RelayAddress(String host, int port, int stunPort, boolean tls) {
    this(host, port, stunPort, tls, List.of());
  }

  /** The region id of the {@code i}-th extra region (0-based): 998, 997, ... */
  public static int extraRegionId(int i) {
    return REGION_ID - 1 - i;
  }

  /** Every relay region by id, with its port: the testbed's own first. */
  public Map<Integer, Integer> relayPorts() {
    Map<Integer, Integer> out = new LinkedHashMap<>();
    out.put(REGION_ID, port);
    for (int i = 0; i < extraPorts.size(); i++) {
      out.put(extraRegionId(i), extraPorts.get(i));
    }
    return out;
  }

  private static String code(int region) {
    return region == REGION_ID ? "testbed" : "testbed" + (REGION_ID - region + 1);
  }

  private static String name(int region) {
    return region == REGION_ID ? "Testbed" : "Testbed " + (REGION_ID - region + 1);
  }

  /** The region id the testbed uses. */
  public static final int REGION_ID = 999;

  /** The region id of the STUN server, as coderd numbers its first STUN address. */
  public static final int STUN_REGION_ID = REGION_ID + 1;

  /** The map as {@code /api/v2/workspaceagents/connection} returns it. */
  public Map<String, Object> json() {
    Map<String, Object> regions = new LinkedHashMap<>();
    relayPorts()
        .forEach(
            (id, relayPort) -> {
              Map<String, Object> node = new LinkedHashMap<>();
              node.put("Name", id + "a");
              node.put("RegionID", id);
              node.put("HostName", host);
              node.put("DERPPort", relayPort);
              node.put("STUNPort", -1);
              node.put("ForceHTTP", !tls);
              Map<String, Object> region = new LinkedHashMap<>();
              region.put("EmbeddedRelay", id == REGION_ID);
              region.put("RegionID", id);
              region.put("RegionCode", code(id));
              region.put("RegionName", name(id));
              region.put("Nodes", List.of(node));
              regions.put(String.valueOf(id), region);
            });
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
    relayPorts()
        .forEach(
            (id, relayPort) ->
                map.putRegions(
                    id,
                    DERPMap.Region.newBuilder()
                        .setRegionId(id)
                        .setEmbeddedRelay(id == REGION_ID)
                        .setRegionCode(code(id))
                        .setRegionName(name(id))
                        .addNodes(
                            DERPMap.Region.Node.newBuilder()
                                .setName(id + "a")
                                .setRegionId(id)
                                .setHostName(host)
                                .setDerpPort(relayPort)
                                .setStunPort(-1)
                                .setForceHttp(!tls))
                        .build()));
    return map.build();
  }
}
