// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.derp.RelayRegion;
import dev.coderdesktop.tunnel.derp.RelayRegions;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DerpSettingsTest {

  private static final URI HOME = URI.create("https://coder.example.com/derp");
  private static final URI OTHER = URI.create("https://eu.example.com/derp");

  @Test
  void theHomeRegionIsAlwaysAmongTheRegions() {
    DerpSettings alone = DerpSettings.home(HOME, 7, false);
    assertEquals(HOME, alone.regions().url(7));
    assertEquals("Unnamed 7", alone.regionName(7), "as Coder words a region without a name");

    RelayRegions map = new RelayRegions(Map.of(2, new RelayRegion(2, "Europe", OTHER, false)));
    DerpSettings withMap =
        new DerpSettings(HOME, 7, true, Map.of(7, "Home", 2, "Europe"), Map.of(), map);
    assertEquals(HOME, withMap.regions().url(7), "added beside the map's regions");
    assertEquals("Home", withMap.regions().name(7));
    assertEquals(OTHER, withMap.regions().url(2));
    assertEquals("Europe", withMap.regionName(2));
    assertTrue(withMap.websockets());
  }

  @Test
  void refusesWhatCannotBeDialled() {
    assertThrows(IllegalArgumentException.class, () -> DerpSettings.home(HOME, 0, false));
    assertThrows(NullPointerException.class, () -> DerpSettings.home(null, 1, false));
  }

  @Test
  void copiesItsMaps() {
    Map<Integer, Duration> latencies = new HashMap<>(Map.of(1, Duration.ofMillis(12)));
    DerpSettings s = new DerpSettings(HOME, 1, false, Map.of(), latencies, null);
    latencies.put(2, Duration.ofMillis(40));
    assertEquals(Map.of(1, Duration.ofMillis(12)), s.latencies());
  }

  @Test
  void theConfigHidesTheTokenAndNamesTheHomeRelay() {
    ConnectConfig c =
        new ConnectConfig(
            URI.create("https://coder.example.com"),
            "secret-session-token",
            Map.of(),
            UUID.randomUUID(),
            "alice",
            "coder",
            DerpSettings.home(HOME, 1, false));
    String shown = c.toString();
    assertTrue(!shown.contains("secret-session-token") && shown.contains(HOME.toString()), shown);
  }
}
