// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.time;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits in tests for a condition that another thread makes true, with a deadline instead of a
 * sleep. The deadline is generous (30 s of real time) because a loaded build machine can stall a
 * thread for seconds; a test that measures time does so on a {@link VirtualClock}, not here.
 */
public final class Await {

  /** How long {@link #await} waits before it fails. */
  public static final Duration DEADLINE = Duration.ofSeconds(30);

  private Await() {}

  /**
   * Returns once {@code cond} is true; fails the test with "timed out waiting for WHAT" after the
   * deadline.
   */
  public static void await(String what, BooleanSupplier cond) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
