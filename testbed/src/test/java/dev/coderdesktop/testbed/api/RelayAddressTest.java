// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderdesktop.tunnel.control.proto.DERPMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The testbed's DERP map lists its STUN server the way coderd lists a STUN address. */
class RelayAddressTest {

  @Test
  @DisplayName("the STUN server is region 1000 with one STUN-only node, in JSON and protobuf")
  void stunRegion() throws Exception {
    RelayAddress a = new RelayAddress("10.77.90.1", 41000, 41001);
    JsonNode regions = new ObjectMapper().valueToTree(a.json()).get("Regions");
    JsonNode stun = regions.get("1000");
    assertEquals("coder_stun_1000", stun.get("RegionCode").asText());
    assertFalse(stun.get("EmbeddedRelay").asBoolean());
    JsonNode node = stun.get("Nodes").get(0);
    assertEquals("1000stun0", node.get("Name").asText());
    assertTrue(node.get("STUNOnly").asBoolean());
    assertEquals(41001, node.get("STUNPort").asInt());
    assertEquals("10.77.90.1", node.get("HostName").asText());
    assertEquals(-1, regions.get("999").get("Nodes").get(0).get("STUNPort").asInt());

    DERPMap.Region.Node p = a.proto().getRegionsOrThrow(1000).getNodes(0);
    assertTrue(p.getStunOnly());
    assertEquals(41001, p.getStunPort());
    assertEquals("10.77.90.1", p.getHostName());
  }

  @Test
  @DisplayName("without a STUN port (direct connections disabled) only the relay is listed")
  void noStun() {
    RelayAddress a = new RelayAddress("10.77.90.1", 41000, 0);
    assertEquals(1, a.proto().getRegionsCount());
    JsonNode regions = new ObjectMapper().valueToTree(a.json()).get("Regions");
    assertEquals(1, regions.size());
  }
}
