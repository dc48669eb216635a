// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A manual clock for tests: time moves only in {@link #advance}, which fires due timers in expiry
 * order on the calling thread. Thread-safe.
 */
public final class VirtualClock implements Clock {

  private final Instant wallOrigin;
  private long wallOffset;
  private long now;
  private long sequence;
  private final List<VirtualTimer> armed = new ArrayList<>();

  /** Starts at monotonic time 0 and the given wall time. */
  public VirtualClock(Instant wallOrigin) {
    this.wallOrigin = wallOrigin;
  }

  /** Starts at monotonic time 0 and wall time 2026-01-01T00:00:00Z. */
  public VirtualClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized Instant wallTime() {
    return wallOrigin.plusNanos(now + wallOffset);
  }

  @Override
  public Timer newTimer(String name, Runnable action) {
    return new VirtualTimer(name, action);
  }

  /** Moves time forward, running every timer that falls due, in order, as time passes it. */
  public void advance(Duration d) {
    long target;
    synchronized (this) {
      target = now + d.toNanos();
    }
    while (true) {
      VirtualTimer next;
      synchronized (this) {
        next =
            armed.stream()
                .filter(t -> t.deadline <= target)
                .min(
                    Comparator.<VirtualTimer>comparingLong(t -> t.deadline)
                        .thenComparing(t -> t.seq))
                .orElse(null);
        if (next == null) {
          now = target;
          return;
        }
        armed.remove(next);
        now = Math.max(now, next.deadline);
      }
      next.action.run();
    }
  }

  /** Moves only the wall clock, as it does across a suspend while the monotonic clock stands. */
  public synchronized void jumpWall(Duration d) {
    wallOffset += d.toNanos();
  }

  /**
   * Moves both clocks without running the timers that fall due, as when the process is frozen; the
   * next {@link #advance} runs them, late.
   */
  public synchronized void stall(Duration d) {
    now += d.toNanos();
  }

  /** How many timers are armed. */
  public synchronized int pendingTimers() {
    return armed.size();
  }

  /** Whether a timer of this name is armed. */
  public synchronized boolean isArmed(String name) {
    return armed.stream().anyMatch(t -> t.name.equals(name));
  }

  private final class VirtualTimer implements Timer {
    final String name;
    final Runnable action;
    long deadline;
    long seq;

    VirtualTimer(String name, Runnable action) {
      this.name = name;
      this.action = action;
    }

    @Override
    public void mod(Duration delay) {
      synchronized (VirtualClock.this) {
        armed.remove(this);
        deadline = now + delay.toNanos();
        seq = sequence++;
        armed.add(this);
      }
    }

    @Override
    public void cancel() {
      synchronized (VirtualClock.this) {
        armed.remove(this);
      }
    }

    @Override
    public boolean isPending() {
      synchronized (VirtualClock.this) {
        return armed.contains(this);
      }
    }
  }
}
