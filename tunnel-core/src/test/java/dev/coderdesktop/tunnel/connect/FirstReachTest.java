// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.time.VirtualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The first-reach gate on the virtual clock: reached, given up on, abandoned. */
class FirstReachTest {

  private final VirtualClock clock = new VirtualClock();
  private final AtomicBoolean reachable = new AtomicBoolean();
  private final FirstReach gate = new FirstReach(reachable::get, clock);

  @Test
  @DisplayName("a check while unreachable does nothing; the first reachable check completes it")
  void reached() throws Exception {
    CompletableFuture<Boolean> wait = gate.within(Duration.ofSeconds(1));
    gate.check();
    clock.advance(Duration.ofMillis(900));
    assertFalse(wait.isDone());
    reachable.set(true);
    gate.check();
    assertTrue(wait.getNow(false));
    assertEquals(0, clock.pendingTimers(), "the give-up timer was cancelled");
    assertTrue(gate.within(Duration.ofSeconds(1)).getNow(false), "later waits see it at once");
  }

  @Test
  @DisplayName("a wait gives up after its own bound, and the gate can still be reached later")
  void givesUp() {
    CompletableFuture<Boolean> shortWait = gate.within(Duration.ofMillis(500));
    CompletableFuture<Boolean> longWait = gate.within(Duration.ofSeconds(5));
    clock.advance(Duration.ofMillis(499));
    assertFalse(shortWait.isDone());
    clock.advance(Duration.ofMillis(1));
    assertFalse(shortWait.getNow(true));
    assertFalse(longWait.isDone());
    reachable.set(true);
    gate.check();
    assertTrue(longWait.getNow(false));
  }

  @Test
  @DisplayName("a closed engine completes every wait with false and leaves no timer")
  void abandoned() {
    CompletableFuture<Boolean> wait = gate.within(Duration.ofSeconds(5));
    gate.abandon();
    assertFalse(wait.getNow(true));
    assertEquals(0, clock.pendingTimers());
    reachable.set(true);
    gate.check();
    assertFalse(gate.within(Duration.ofSeconds(1)).getNow(true), "it stays abandoned");
  }
}
