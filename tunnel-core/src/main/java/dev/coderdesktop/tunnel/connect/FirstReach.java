// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import dev.coderdesktop.tunnel.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The moment a new tunnel can first carry a packet to every agent: the first workspace update has
 * named them (so their names resolve) and each has a WireGuard peer (so a first packet waits for
 * the handshake instead of being dropped, which costs a TCP connection a one-second retransmit).
 * The owner calls {@link #check()} after every change of that state; a waiter bounds its wait with
 * {@link #within}. Completes once: true when reached, false when the engine closed first.
 * Thread-safe.
 */
final class FirstReach {

  private final CompletableFuture<Boolean> reached = new CompletableFuture<>();
  private final BooleanSupplier reachable;
  private final Clock clock;

  /**
   * A gate over {@code reachable}, read under the caller's own lock; waits run on {@code clock}.
   */
  FirstReach(BooleanSupplier reachable, Clock clock) {
    this.reachable = reachable;
    this.clock = clock;
  }

  /** Completes the gate if the tunnel has become reachable. */
  void check() {
    if (!reached.isDone() && reachable.getAsBoolean()) {
      reached.complete(true);
    }
  }

  /** Whether the gate has completed (reached, or abandoned). */
  boolean done() {
    return reached.isDone();
  }

  /** Completes the gate with false (the engine closed): nobody waits on a timer that is gone. */
  void abandon() {
    reached.complete(false);
  }

  /**
   * True once reached; false if the engine closed first or {@code max} passed (an agent that is
   * offline never gets a node).
   */
  CompletableFuture<Boolean> within(Duration max) {
    CompletableFuture<Boolean> wait = reached.copy();
    if (!wait.isDone()) {
      var giveUp = clock.newTimer("first-reach", () -> wait.complete(false));
      giveUp.mod(max);
      wait.whenComplete((r, e) -> giveUp.cancel());
    }
    return wait;
  }
}
