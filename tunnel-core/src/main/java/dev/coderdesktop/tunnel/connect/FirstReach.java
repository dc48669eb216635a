// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The moment a new tunnel can first carry a packet to every agent: the first workspace update has
 * named them (so their names resolve) and each has a WireGuard peer (so a first packet waits for
 * the handshake instead of being dropped, which costs a TCP connection a one-second retransmit).
 * The owner calls {@link #check()} after every change of that state. Completes once: true when
 * reached, false when the time given ran out first (an agent that is offline never gets a node) or
 * the engine closed. Thread-safe.
 */
final class FirstReach {

  private final CompletableFuture<Boolean> reached = new CompletableFuture<>();
  private final BooleanSupplier reachable;
  private final Timer giveUp;
  private final Duration max;

  /**
   * A gate over {@code reachable}, read under the caller's own lock, that gives up {@code max}
   * after {@link #start()} on {@code clock}.
   */
  FirstReach(BooleanSupplier reachable, Clock clock, Duration max) {
    this.reachable = reachable;
    this.giveUp = clock.newTimer("first-reach", () -> reached.complete(false));
    this.max = max;
  }

  /** Starts the time allowed. */
  void start() {
    giveUp.mod(max);
    check();
  }

  /** Completes the gate if the tunnel has become reachable. */
  void check() {
    if (!reached.isDone() && reachable.getAsBoolean() && reached.complete(true)) {
      giveUp.cancel();
    }
  }

  /** Completes the gate with false (the engine closed): nobody waits on a timer that is gone. */
  void abandon() {
    giveUp.cancel();
    reached.complete(false);
  }

  /** True once reached, false if the time ran out first or the engine closed. */
  CompletableFuture<Boolean> future() {
    return reached;
  }
}
