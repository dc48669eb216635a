// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderdesktop.coder.sdk.Values;
import dev.coderdesktop.testbed.derp.DerpServer;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpProbe;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

  private static final String TWO_REGIONS_FMT =
      "{\"Regions\":{\"1\":{\"RegionID\":1,\"RegionName\":\"Far\",\"Nodes\":[{\"Name\":\"1a\","
          + "\"RegionID\":1,\"HostName\":\"127.0.0.1\",\"DERPPort\":%d,\"ForceHTTP\":true}]},"
          + "\"2\":{\"RegionID\":2,\"RegionName\":\"Near\",\"Nodes\":[{\"Name\":\"2a\","
          + "\"RegionID\":2,\"HostName\":\"127.0.0.1\",\"DERPPort\":%d,\"ForceHTTP\":true}]},"
          + "\"3\":{\"RegionID\":3,\"Nodes\":[{\"Name\":\"s\",\"HostName\":\"x\","
          + "\"STUNOnly\":true}]}}}";

  private static CompletableFuture<Duration> fake(URI url, int nearPort, Duration near) {
    if (url.getPort() == nearPort) {
      return near == null
          ? CompletableFuture.failedFuture(new TimeoutException())
          : CompletableFuture.completedFuture(near);
    }
    return CompletableFuture.completedFuture(Duration.ofMillis(40));
  }

  @Test
  @DisplayName("the region with the lowest measured latency becomes home, with names and latencies")
  void fastestWins() throws Exception {
    Values.DerpMap m = map(String.format(Locale.ROOT, TWO_REGIONS_FMT, 1001, 1002));
    DerpSelection s =
        DerpSelection.chooseByLatency(m, u -> fake(u, 1002, Duration.ofMillis(7))).orElseThrow();
    assertEquals(2, s.regionId());
    assertEquals(URI.create("http://127.0.0.1:1002/derp"), s.url());
    assertEquals(Map.of(1, Duration.ofMillis(40), 2, Duration.ofMillis(7)), s.latencies());
    assertEquals(Map.of(1, "Far", 2, "Near"), s.regionNames());
  }

  @Test
  @DisplayName("a region that does not answer is skipped; when none answers, the lowest id wins")
  void fallbacks() throws Exception {
    Values.DerpMap m = map(String.format(Locale.ROOT, TWO_REGIONS_FMT, 1001, 1002));
    DerpSelection s = DerpSelection.chooseByLatency(m, u -> fake(u, 1002, null)).orElseThrow();
    assertEquals(1, s.regionId());
    assertEquals(Map.of(1, Duration.ofMillis(40)), s.latencies());
    DerpSelection none =
        DerpSelection.chooseByLatency(
                m, u -> CompletableFuture.failedFuture(new TimeoutException()))
            .orElseThrow();
    assertEquals(1, none.regionId());
    assertTrue(none.latencies().isEmpty());
  }

  @Test
  @Timeout(30)
  @DisplayName("against two real relays, the one that answers pings promptly is chosen")
  void realRelays() throws Exception {
    SystemClock clock = new SystemClock("selection-test");
    try (DerpServer far = new DerpServer(X25519.generatePrivateKey(), clock);
        DerpServer near = new DerpServer(X25519.generatePrivateKey(), clock)) {
      far.setPongDelay(Duration.ofMillis(200));
      near.setPongDelay(Duration.ofMillis(20));
      int farPort = far.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int nearPort = near.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Values.DerpMap m = map(String.format(Locale.ROOT, TWO_REGIONS_FMT, farPort, nearPort));
      DerpSelection s =
          DerpSelection.chooseByLatency(
                  m, u -> DerpProbe.measure(u, Map.of(), false, clock, Duration.ofSeconds(5)))
              .orElseThrow();
      assertEquals(2, s.regionId());
      assertTrue(s.latencies().get(1).compareTo(Duration.ofMillis(200)) >= 0, s.toString());
      assertTrue(s.latencies().get(2).compareTo(Duration.ofMillis(200)) < 0, s.toString());
    } finally {
      clock.shutdown();
    }
  }
}
