// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The one source of time for the engine. Every timer (rekey, keepalive, handshake retry, reconnect
 * backoff, DNS TTL) goes through a clock so tests can advance virtual time instead of sleeping.
 *
 * <p>Implementations are thread-safe.
 */
public interface Clock {

  /** Monotonic nanoseconds with an arbitrary origin; only differences are meaningful. */
  long nanoTime();

  /** Wall-clock time, used only where a protocol carries it (TAI64N handshake timestamps). */
  Instant wallTime();

  /**
   * Creates a stopped timer that runs {@code action} each time it expires. The action runs on a
   * clock-owned thread (or, for a virtual clock, on the thread that advances time) and must not
   * block.
   */
  Timer newTimer(String name, Runnable action);

  /** Monotonic time elapsed since {@code startNanos}, as a duration. */
  default Duration since(long startNanos) {
    return Duration.ofNanos(nanoTime() - startNanos);
  }
}
