// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.time.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WatchdogTest {

  private final VirtualClock clock = new VirtualClock();
  private final AtomicInteger probes = new AtomicInteger();
  private final List<String> deaths = new ArrayList<>();
  private final Watchdog dog =
      new Watchdog(
          clock,
          "test",
          Duration.ofSeconds(4),
          Duration.ofSeconds(12),
          probes::incrementAndGet,
          deaths::add);

  @Test
  @DisplayName("a silent connection is probed every 4 s and declared dead once, within 16 s")
  void silentConnectionDies() {
    dog.start();
    clock.advance(Duration.ofSeconds(11));
    assertEquals(2, probes.get());
    assertTrue(deaths.isEmpty());
    clock.advance(Duration.ofSeconds(5));
    assertEquals(1, deaths.size(), "dead by 16 s");
    assertTrue(deaths.getFirst().contains("12 s"), deaths.getFirst());
    clock.advance(Duration.ofMinutes(5));
    assertEquals(1, deaths.size(), "declared once");
    assertEquals(0, clock.pendingTimers());
  }

  @Test
  @DisplayName("anything heard keeps a connection alive")
  void answeredProbesKeepAlive() {
    dog.start();
    for (int i = 0; i < 100; i++) {
      clock.advance(Duration.ofSeconds(4));
      dog.heard();
    }
    assertTrue(deaths.isEmpty());
    assertEquals(100, probes.get());
  }

  @Test
  @DisplayName("a stopped watchdog never fires")
  void stopped() {
    dog.start();
    dog.stop();
    clock.advance(Duration.ofMinutes(1));
    assertEquals(0, probes.get());
    assertTrue(deaths.isEmpty());
  }
}
