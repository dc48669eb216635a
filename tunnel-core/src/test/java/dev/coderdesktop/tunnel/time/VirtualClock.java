// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A manual clock for tests: time stands still until {@link #advance} moves it, and due timers fire
 * in expiry order (ties in arming order) on the thread that advances. A timer action may re-arm
 * timers; one that becomes due within the advanced window fires in the same call.
 *
 * <p>Thread-safe: any thread may read the time or arm timers while another advances. Actions run
 * without the clock's lock held.
 */
public final class VirtualClock implements Clock {

  private final Instant wallOrigin;

  // Guarded by this.
  private long now;
  private long sequence;
  private final PriorityQueue<Entry> queue = new PriorityQueue<>();

  /** A clock at monotonic zero whose wall time starts at 2026-01-01T00:00:00Z. */
  public VirtualClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** A clock at monotonic zero whose wall time starts at {@code wallOrigin}. */
  public VirtualClock(Instant wallOrigin) {
    this.wallOrigin = wallOrigin;
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized Instant wallTime() {
    return wallOrigin.plusNanos(now);
  }

  @Override
  public Timer newTimer(String name, Runnable action) {
    return new VirtualTimer(name, action);
  }

  /**
   * Moves time forward by {@code step}, firing every timer that falls due on the way, each with the
   * clock set to its expiry time.
   */
  public void advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("cannot go back in time: " + step);
    }
    long target;
    synchronized (this) {
      target = now + step.toNanos();
    }
    while (true) {
      Entry due;
      synchronized (this) {
        due = queue.peek();
        if (due == null || due.deadline > target) {
          now = target;
          return;
        }
        queue.poll();
        now = Math.max(now, due.deadline);
        due.timer.pending = null;
      }
      due.timer.action.run();
    }
  }

  /** Fires timers already due without moving time. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /** Number of armed timers; for assertions. */
  public synchronized int pendingTimers() {
    return queue.size();
  }

  /** Time until the earliest armed timer fires, or {@code null} when none is armed. */
  public synchronized Duration untilNextTimer() {
    Entry e = queue.peek();
    return e == null ? null : Duration.ofNanos(e.deadline - now);
  }

  private record Entry(long deadline, long seq, VirtualTimer timer) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(deadline, o.deadline);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final class VirtualTimer implements Timer {
    private final String name;
    private final Runnable action;

    // Guarded by VirtualClock.this.
    private Entry pending;

    VirtualTimer(String name, Runnable action) {
      this.name = name;
      this.action = action;
    }

    @Override
    public void mod(Duration delay) {
      synchronized (VirtualClock.this) {
        if (pending != null) {
          queue.remove(pending);
        }
        pending = new Entry(now + Math.max(0, delay.toNanos()), sequence++, this);
        queue.add(pending);
      }
    }

    @Override
    public void cancel() {
      synchronized (VirtualClock.this) {
        if (pending != null) {
          queue.remove(pending);
          pending = null;
        }
      }
    }

    @Override
    public boolean isPending() {
      synchronized (VirtualClock.this) {
        return pending != null;
      }
    }

    @Override
    public String toString() {
      return "VirtualTimer(" + name + ")";
    }
  }
}
