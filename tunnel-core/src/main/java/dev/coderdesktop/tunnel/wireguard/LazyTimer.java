// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A timer that the data path may re-arm and disarm for every packet without touching the clock's
 * scheduler or taking a lock. {@link #mod} and {@link #cancel} only move a deadline; the clock's
 * timer is asked for a new expiry only when the deadline moves earlier than the expiry already
 * scheduled. An expiry that finds the deadline moved later schedules the remainder, and one that
 * finds the timer disarmed does nothing.
 *
 * <p>Why: the keepalive and new-handshake timers are re-armed by every packet sent and received.
 * Rescheduling a real timer each time made the scheduler's thread wake on every packet, a wake-up
 * (and its system call) on the path of every ping; here the scheduler wakes at most once per
 * timeout. And the sending and the receiving thread touch the same two timers for every packet: a
 * lock here was contended, and each contended hand-over parked or woke a thread (a futex call and
 * often a context switch), so the hot operations are single atomic reads and writes.
 *
 * <p>Thread-safe. Scheduling (rare) is under this object's lock. The deadline is written before
 * {@link #expiryAt} is read, and an expiry clears {@link #expiryAt} before it reads the deadline;
 * both are volatile, so either the re-arming thread sees no expiry pending and schedules one, or
 * the expiry sees the new deadline (or a later one) and schedules its remainder. What makes that
 * enough: a {@link #expiryAt} other than {@link #NONE} always names the clock timer's latest
 * schedule, which has not yet fired and cleared it; while set it only moves earlier (it is checked
 * again under the lock before every schedule); and it may read {@link #NONE} while an expiry is
 * still pending (one cleared it just after a re-arm scheduled anew), which costs at most one
 * needless schedule. Nothing is scheduled once {@link #stop} has disarmed the timer.
 */
final class LazyTimer implements Timer {

  /** The deadline's value while disarmed, and {@link #expiryAt}'s while nothing is scheduled. */
  private static final long NONE = Long.MIN_VALUE;

  private final Clock clock;
  private final Runnable action;
  private final Timer scheduled;

  /** When the action is due, on the clock's nano time, or {@link #NONE} while disarmed. */
  private final AtomicLong deadline = new AtomicLong(NONE);

  /** When the scheduled expiry fires, or {@link #NONE}; written under this object's lock. */
  private volatile long expiryAt = NONE;

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
  void modNanos(long d) {
    long at = clock.nanoTime() + d;
    if (at == NONE) {
      at++; // one nanosecond later rather than reading as disarmed
    }
    deadline.set(at);
    if (needsExpiryBy(at)) {
      scheduleIfNeeded(at);
    }
  }

  /**
   * Schedules the clock's timer for {@code at} unless an expiry by then is already scheduled or the
   * timer was disarmed meanwhile ({@link #stop} writes {@link #NONE} under this lock).
   */
  private synchronized void scheduleIfNeeded(long at) {
    if (deadline.get() != NONE && needsExpiryBy(at)) {
      scheduleAt(at);
    }
  }

  /** Whether no expiry is scheduled at or before {@code at}. */
  private boolean needsExpiryBy(long at) {
    long e = expiryAt;
    return e == NONE || e - at > 0;
  }

  @Override
  public void cancel() {
    // Read first: the other data-path thread keeps reading this line, and a write that changes
    // nothing would still take the line away from it.
    if (deadline.get() != NONE) {
      deadline.set(NONE);
    }
  }

  /** Disarms and drops the scheduled expiry too, for a peer or device going away. */
  synchronized void stop() {
    deadline.set(NONE);
    expiryAt = NONE;
    scheduled.cancel();
  }

  @Override
  public boolean isPending() {
    return deadline.get() != NONE;
  }

  /** Schedules the clock's timer for {@code at}; the caller holds this object's lock. */
  private void scheduleAt(long at) {
    expiryAt = at;
    // From now, not from before the lock: a wait for it must not make the expiry late.
    scheduled.mod(Duration.ofNanos(Math.max(0, at - clock.nanoTime())));
  }

  private void expired() {
    synchronized (this) {
      expiryAt = NONE;
    }
    while (true) {
      long at = deadline.get();
      if (at == NONE) {
        return;
      }
      if (at - clock.nanoTime() > 0) {
        scheduleIfNeeded(at);
        return;
      }
      // A re-arm or cancel racing with this expiry wins; then look again.
      if (deadline.compareAndSet(at, NONE)) {
        break;
      }
    }
    action.run();
  }
}
