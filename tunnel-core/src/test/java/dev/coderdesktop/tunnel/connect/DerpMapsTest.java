// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.control.proto.DERPMap;
import dev.coderdesktop.tunnel.derp.RelayRegions;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DerpMapsTest {

  private static DERPMap.Region region(int id, String name, DERPMap.Region.Node... nodes) {
    return DERPMap.Region.newBuilder()
        .setRegionId(id)
        .setRegionName(name)
        .addAllNodes(List.of(nodes))
        .build();
  }

  @Test
  @DisplayName("each relay region keeps its first usable node; STUN-only and hostless ones go")
  void regions() {
    DERPMap map =
        DERPMap.newBuilder()
            .putRegions(
                999,
                region(
                    999,
                    "Coder",
                    DERPMap.Region.Node.newBuilder().setHostName("").build(),
                    DERPMap.Region.Node.newBuilder()
                        .setHostName("coder.example.com")
                        .setDerpPort(8443)
                        .build()))
            .putRegions(
                10001,
                region(
                    10001,
                    "Frankfurt",
                    DERPMap.Region.Node.newBuilder()
                        .setIpv6("2001:db8::1")
                        .setForceHttp(true)
                        .build()))
            .putRegions(
                1000,
                region(
                    1000,
                    "STUN",
                    DERPMap.Region.Node.newBuilder()
                        .setHostName("stun.example.com")
                        .setStunOnly(true)
                        .build()))
            .build();
    RelayRegions r = DerpMaps.regions(map);
    assertEquals(2, r.regions().size());
    assertEquals(URI.create("https://coder.example.com:8443/derp"), r.url(999));
    assertEquals(URI.create("http://[2001:db8::1]:80/derp"), r.url(10001));
    assertEquals("Frankfurt", r.name(10001));
    assertEquals("Unnamed 1000", r.name(1000));
    assertTrue(r.get(1000).isEmpty());
  }
}
