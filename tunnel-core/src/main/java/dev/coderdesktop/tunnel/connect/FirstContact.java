// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One peer's first-contact retry chain: after {@code firstDelay}, and then after twice the previous
 * wait, it sends another initiation until a session exists or {@code retries} are spent, then hands
 * itself to {@code done}. Runs on the clock's thread; {@link #cancel} may be called from any
 * thread.
 */
final class FirstContact {

  private final BooleanSupplier established;
  private final Runnable initiate;
  private final Consumer<FirstContact> done;
  private final Timer timer;
  // Only the clock's thread touches these once started.
  private int left;
  private Duration wait;

  FirstContact(
      Clock clock,
      int retries,
      Duration firstDelay,
      BooleanSupplier established,
      Runnable initiate,
      Consumer<FirstContact> done) {
    this.established = established;
    this.initiate = initiate;
    this.done = done;
    this.left = retries;
    this.wait = firstDelay;
    this.timer = clock.newTimer("first-contact", this::fire);
  }

  /** Arms the first retry. */
  void start() {
    timer.mod(wait);
  }

  /** Stops the chain (a newer one replaced it, or the engine closes). */
  void cancel() {
    timer.cancel();
  }

  private void fire() {
    if (established.getAsBoolean() || left-- <= 0) {
      done.accept(this);
      return;
    }
    initiate.run();
    wait = wait.multipliedBy(2);
    timer.mod(wait);
  }
}
