// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.netmon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.time.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NetworkMonitorTest {

  private final VirtualClock clock = new VirtualClock();
  private final List<String> calls = new ArrayList<>();

  @Test
  @DisplayName("a burst of changes becomes one call after the debounce")
  void debounces() {
    NetworkMonitor m = new NetworkMonitor(Set.of(), clock, calls::add);
    for (int i = 0; i < 10; i++) {
      m.onDatagram(List.of(new RouteChange(RouteChange.Kind.ADDRESS, 7, "address " + i)));
      clock.advance(Duration.ofMillis(100));
    }
    assertTrue(calls.isEmpty());
    clock.advance(NetworkMonitor.DEBOUNCE);
    assertEquals(List.of("address 9"), calls);
    clock.advance(Duration.ofMinutes(1));
    assertEquals(1, calls.size());
  }

  @Test
  @DisplayName("changes on an ignored interface (our own TUN device) are not reported")
  void ignoresOwnInterface() throws Exception {
    String lo = "lo";
    int index =
        Integer.parseInt(
            java.nio.file.Files.readString(java.nio.file.Path.of("/sys/class/net/lo/ifindex"))
                .strip());
    NetworkMonitor m = new NetworkMonitor(Set.of(lo), clock, calls::add);
    m.onDatagram(List.of(new RouteChange(RouteChange.Kind.ADDRESS, index, "ours")));
    clock.advance(Duration.ofSeconds(5));
    assertTrue(calls.isEmpty());
    m.close();
    m.onDatagram(List.of(new RouteChange(RouteChange.Kind.LINK, index + 1000, "after close")));
    clock.advance(Duration.ofSeconds(5));
    assertTrue(calls.isEmpty());
  }

  @Test
  @DisplayName("the rtnetlink socket opens and subscribes without privileges")
  void opens() throws Exception {
    try (NetworkMonitor m = new NetworkMonitor(Set.of(), clock, calls::add)) {
      m.start();
    }
  }
}
