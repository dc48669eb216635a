// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The real clock: {@link System#nanoTime()}, the system wall clock, and timers on one named daemon
 * scheduler thread. Timer actions must be short; a failing action is logged, never lost.
 */
public final class SystemClock implements Clock {

  private static final Logger LOG = Logger.getLogger(SystemClock.class.getName());

  private final java.time.Clock wall = java.time.Clock.systemUTC();
  private final ScheduledThreadPoolExecutor scheduler;

  /** Creates a clock whose timers run on a daemon thread named {@code name}. */
  public SystemClock(String name) {
    scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    scheduler.setRemoveOnCancelPolicy(true);
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant wallTime() {
    return wall.instant();
  }

  @Override
  public Timer newTimer(String name, Runnable action) {
    return new ScheduledTimer(name, action);
  }

  /** Stops the scheduler thread; pending timers never fire. */
  public void shutdown() {
    scheduler.shutdownNow();
  }

  private final class ScheduledTimer implements Timer {
    private final String name;
    private final Runnable action;

    // Guarded by this. Each mod() and cancel() starts a new generation; an expiry runs its action
    // only if it is still the current one, so an expiry that was already on its way to the lock
    // when mod() re-armed the timer or cancel() disarmed it neither runs nor clears the new one.
    private ScheduledFuture<?> pending;
    private long generation;

    ScheduledTimer(String name, Runnable action) {
      this.name = name;
      this.action = action;
    }

    @Override
    public synchronized void mod(Duration delay) {
      if (pending != null) {
        pending.cancel(false);
      }
      long g = ++generation;
      if (scheduler.isShutdown()) {
        pending = null;
        return;
      }
      pending = scheduler.schedule(() -> fire(g), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void fire(long g) {
      synchronized (this) {
        if (g != generation) {
          return; // re-armed or cancelled after this expiry was due
        }
        pending = null;
      }
      try {
        action.run();
      } catch (RuntimeException | Error e) {
        LOG.log(Level.WARNING, "timer " + name + " failed", e);
      }
    }

    @Override
    public synchronized void cancel() {
      generation++;
      if (pending != null) {
        pending.cancel(false);
        pending = null;
      }
    }

    @Override
    public synchronized boolean isPending() {
      return pending != null;
    }
  }
}
