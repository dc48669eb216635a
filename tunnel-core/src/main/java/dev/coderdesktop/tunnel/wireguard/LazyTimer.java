// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.time.Duration;

/**
 * A timer that the data path may re-arm and disarm for every packet without touching the clock's
 * scheduler. {@link #mod} and {@link #cancel} only move a deadline; the clock's timer is asked for
 * a new expiry only when the deadline moves earlier than the expiry already scheduled. An expiry
 * that finds the deadline moved later schedules the remainder, and one that finds the timer
 * disarmed does nothing.
 *
 * <p>Why: the keepalive and new-handshake timers are re-armed by every packet sent and received.
 * Rescheduling a real timer each time made the scheduler's thread wake on every packet, a wake-up
 * (and its system call) on the path of every ping; here the scheduler wakes at most once per
 * timeout.
 *
 * <p>Thread-safe.
 */
final class LazyTimer implements Timer {

  private final Clock clock;
  private final Runnable action;
  private final Timer scheduled;

  // Guarded by this.
  private boolean armed;
  private long deadline;
  private boolean expiryPending;
  private long expiryAt;

  LazyTimer(Clock clock, String name, Runnable action) {
    this.clock = clock;
    this.action = action;
    this.scheduled = clock.newTimer(name, this::expired);
  }

  @Override
  public void mod(Duration delay) {
    modNanos(delay.toNanos());
  }

  /** {@link #mod} with the delay in nanoseconds. */
  synchronized void modNanos(long d) {
    armed = true;
    deadline = clock.nanoTime() + d;
    if (!expiryPending || expiryAt - deadline > 0) {
      scheduleAt(deadline, d);
    }
  }

  @Override
  public synchronized void cancel() {
    armed = false;
  }

  /** Disarms and drops the scheduled expiry too, for a peer or device going away. */
  synchronized void stop() {
    armed = false;
    expiryPending = false;
    scheduled.cancel();
  }

  @Override
  public synchronized boolean isPending() {
    return armed;
  }

  private void scheduleAt(long at, long delayNanos) {
    expiryPending = true;
    expiryAt = at;
    scheduled.mod(Duration.ofNanos(Math.max(0, delayNanos)));
  }

  private void expired() {
    synchronized (this) {
      expiryPending = false;
      if (!armed) {
        return;
      }
      long left = deadline - clock.nanoTime();
      if (left > 0) {
        scheduleAt(deadline, left);
        return;
      }
      armed = false;
    }
    action.run();
  }
}
