// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.time.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SleepDetectorTest {

  private final VirtualClock clock = new VirtualClock();
  private final List<String> events = new ArrayList<>();
  private final SleepDetector detector =
      new SleepDetector(clock, Duration.ofSeconds(5), Duration.ofSeconds(10), events::add);

  @Test
  @DisplayName("steady time reports nothing")
  void steady() {
    detector.start();
    clock.advance(Duration.ofHours(1));
    assertTrue(events.isEmpty(), events.toString());
  }

  /** One event naming {@code what}, and no second one a minute later. */
  private void assertReportedOnce(String what) {
    assertEquals(1, events.size());
    assertTrue(events.getFirst().contains(what), events.getFirst());
    clock.advance(Duration.ofMinutes(1));
    assertEquals(1, events.size());
  }

  @Test
  @DisplayName("a suspend (wall clock jumps, monotonic does not) is reported once")
  void suspend() {
    detector.start();
    clock.advance(Duration.ofSeconds(7));
    clock.jumpWall(Duration.ofMinutes(30));
    clock.advance(Duration.ofSeconds(5));
    assertReportedOnce("slept");
  }

  @Test
  @DisplayName("a frozen process (the tick comes a minute late) is reported once")
  void frozen() {
    detector.start();
    clock.advance(Duration.ofSeconds(6));
    clock.stall(Duration.ofSeconds(60));
    clock.advance(Duration.ZERO);
    assertReportedOnce("frozen");
  }

  @Test
  @DisplayName("a small scheduling delay is not a freeze")
  void smallDelay() {
    detector.start();
    clock.advance(Duration.ofSeconds(4));
    clock.stall(Duration.ofSeconds(8));
    clock.advance(Duration.ZERO);
    assertTrue(events.isEmpty(), events.toString());
  }
}
