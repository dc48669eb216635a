// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.time.VirtualClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Backoff.Policy POLICY =
      new Backoff.Policy(Duration.ofMillis(100), Duration.ofSeconds(4), Duration.ofSeconds(30));

  @Test
  @DisplayName("waits double from min to max, each drawn from the upper half of its step")
  void growsAndCaps() {
    Backoff b = new Backoff(POLICY, new VirtualClock(), new Random(1));
    long[] steps = {100, 200, 400, 800, 1600, 3200, 4000, 4000, 4000};
    for (long step : steps) {
      long ms = b.next().toMillis();
      assertTrue(ms >= step / 2 && ms <= step, "wait " + ms + " for step " + step);
    }
    assertEquals(steps.length, b.failures());
  }

  @Test
  @DisplayName("jitter spreads clients cut off together")
  void jitters() {
    Set<Duration> firsts = new HashSet<>();
    Random r = new Random(7);
    for (int i = 0; i < 20; i++) {
      Backoff b = new Backoff(POLICY, new VirtualClock(), r);
      for (int k = 0; k < 5; k++) {
        b.next();
      }
      firsts.add(b.next());
    }
    assertTrue(firsts.size() > 10, "waits should differ between clients: " + firsts);
  }

  @Test
  @DisplayName("a dial that succeeds but drops at once does not reset the count")
  void shortConnectionsKeepCounting() {
    VirtualClock clock = new VirtualClock();
    Backoff b = new Backoff(POLICY, clock, new Random(2));
    for (int i = 0; i < 6; i++) {
      b.connected();
      clock.advance(Duration.ofSeconds(1));
      b.next();
    }
    assertEquals(6, b.failures());
    long ms = b.next().toMillis();
    assertTrue(ms >= 2000, "the seventh wait is near the cap, not back at 100 ms: " + ms);
  }

  @Test
  @DisplayName("a connection that stayed up for healthyAfter starts again from min")
  void healthyConnectionResets() {
    VirtualClock clock = new VirtualClock();
    Backoff b = new Backoff(POLICY, clock, new Random(3));
    for (int i = 0; i < 6; i++) {
      b.next();
    }
    b.connected();
    clock.advance(Duration.ofSeconds(30));
    long ms = b.next().toMillis();
    assertTrue(ms <= 100, "back to the first step: " + ms);
    assertEquals(1, b.failures());
  }

  @Test
  @DisplayName("reset() (a network change) forgets the failures")
  void resetForgets() {
    Backoff b = new Backoff(POLICY, new VirtualClock(), new Random(4));
    for (int i = 0; i < 8; i++) {
      b.next();
    }
    b.reset();
    assertNotEquals(0, b.next().toMillis() + 1);
    assertEquals(1, b.failures());
  }
}
