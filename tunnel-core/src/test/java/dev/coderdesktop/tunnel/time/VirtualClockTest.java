// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

  @Test
  @DisplayName("timers fire in expiry order, each seeing its own expiry time")
  void firesInOrder() {
    VirtualClock clock = new VirtualClock();
    List<String> fired = new ArrayList<>();
    Timer b = clock.newTimer("b", () -> fired.add("b@" + clock.nanoTime()));
    Timer a = clock.newTimer("a", () -> fired.add("a@" + clock.nanoTime()));
    b.mod(Duration.ofSeconds(2));
    a.mod(Duration.ofSeconds(1));
    clock.advance(Duration.ofMillis(1500));
    assertEquals(List.of("a@1000000000"), fired);
    assertTrue(b.isPending());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of("a@1000000000", "b@2000000000"), fired);
    assertEquals(2_500_000_000L, clock.nanoTime());
  }

  @Test
  @DisplayName("a re-armed timer fires once at the new deadline, a cancelled one never")
  void reArmAndCancel() {
    VirtualClock clock = new VirtualClock();
    int[] count = new int[2];
    Timer t = clock.newTimer("t", () -> count[0]++);
    Timer c = clock.newTimer("c", () -> count[1]++);
    t.mod(Duration.ofSeconds(1));
    t.mod(Duration.ofSeconds(3));
    c.mod(Duration.ofSeconds(1));
    c.cancel();
    clock.advance(Duration.ofSeconds(2));
    assertEquals(0, count[0]);
    clock.advance(Duration.ofSeconds(2));
    assertEquals(1, count[0]);
    assertEquals(0, count[1]);
    assertFalse(t.isPending());
  }

  @Test
  @DisplayName("a timer re-armed by its own action fires again within the same advance")
  void periodic() {
    VirtualClock clock = new VirtualClock();
    int[] count = new int[1];
    Timer[] holder = new Timer[1];
    holder[0] =
        clock.newTimer(
            "p",
            () -> {
              count[0]++;
              holder[0].mod(Duration.ofSeconds(1));
            });
    holder[0].mod(Duration.ofSeconds(1));
    clock.advance(Duration.ofMillis(5500));
    assertEquals(5, count[0]);
  }
}
