// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.time;

import java.time.Duration;

/**
 * A one-shot, re-armable timer in the style of Go's {@code time.Timer.Reset}: {@link #mod} (re)arms
 * it to fire once after the delay, {@link #cancel} disarms it. Thread-safe.
 */
public interface Timer {

  /** Arms the timer to fire once after {@code delay}, replacing any pending expiry. */
  void mod(Duration delay);

  /** Disarms the timer; a pending expiry will not run. Idempotent. */
  void cancel();

  /** Whether an expiry is pending. */
  boolean isPending();
}
