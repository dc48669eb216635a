// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderdesktop.coder.sdk.Values;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DerpSelectionTest {

  private static Values.DerpMap map(String json) throws Exception {
    return new ObjectMapper().readValue(json, Values.DerpMap.class);
  }

  @Test
  @DisplayName(
      "regression from real coderd v2.24.1: an embedded relay with no host name, only IPv4")
  void addressOnlyNode() throws Exception {
    // Shape returned by a real coderd test deployment (STUN-only region 1000, relay 999).
    Values.DerpMap m =
        map(
            "{\"Regions\":{\"1000\":{\"EmbeddedRelay\":false,\"RegionID\":1000,\"RegionCode\":"
                + "\"coder_stun_1000\",\"Nodes\":[{\"Name\":\"1000stun0\",\"RegionID\":1000,"
                + "\"HostName\":\"127.0.0.1\",\"STUNPort\":44353,\"STUNOnly\":true}]},"
                + "\"999\":{\"EmbeddedRelay\":true,\"RegionID\":999,\"RegionCode\":\"coder\","
                + "\"Nodes\":[{\"Name\":\"999b\",\"RegionID\":999,\"HostName\":\"\",\"IPv4\":"
                + "\"127.0.0.1\",\"STUNPort\":-1,\"DERPPort\":45321,\"InsecureForTests\":true,"
                + "\"ForceHTTP\":true}]}}}");
    DerpSelection s = DerpSelection.choose(m).orElseThrow();
    assertEquals(999, s.regionId());
    assertEquals(URI.create("http://127.0.0.1:45321/derp"), s.url());
  }

  @Test
  @DisplayName("a production relay on its host name with the default port")
  void productionNode() throws Exception {
    Values.DerpMap m =
        map(
            "{\"Regions\":{\"999\":{\"RegionID\":999,\"Nodes\":[{\"Name\":\"999b\","
                + "\"RegionID\":999,\"HostName\":\"coder.example.com\",\"STUNPort\":-1}]}}}");
    assertEquals(
        URI.create("https://coder.example.com:443/derp"),
        DerpSelection.choose(m).orElseThrow().url());
  }

  @Test
  @DisplayName("a map with only STUN nodes offers no relay")
  void stunOnly() throws Exception {
    Values.DerpMap m =
        map(
            "{\"Regions\":{\"1000\":{\"RegionID\":1000,\"Nodes\":[{\"Name\":\"s\","
                + "\"HostName\":\"stun.example.com\",\"STUNOnly\":true}]}}}");
    assertTrue(DerpSelection.choose(m).isEmpty());
  }
}
