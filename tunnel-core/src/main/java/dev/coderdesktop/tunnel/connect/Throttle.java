// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.time.Duration;

/**
 * Runs an action at most once per interval without losing a request, and never twice at once: a
 * request after a quiet interval runs it at once, and any number of requests within the interval
 * make one run at its end. The engine publishes its agent list through one, because every
 * handshake, node, path change and ping round asks for a publication and each one costs the service
 * work for every agent (the list, the DNS table, the status to every client): with 1,000 agents
 * starting, publishing each request allocated gigabytes in seconds.
 *
 * <p>Every request is followed by a run that starts after it, so the last state is always
 * published, and runs follow each other, so an older state is never delivered after a newer one.
 * {@link #request} runs the action on the clock's thread, never on the caller's (a WireGuard
 * receive thread that completed a handshake must not build a thousand agents' status); {@link #now}
 * runs it on the caller's unless a run is under way. No lock of this class is held while the action
 * runs. Thread-safe.
 */
final class Throttle {

  private final Clock clock;
  private final long intervalNanos;
  private final Runnable action;
  private final Timer timer;

  // Guarded by this.
  private boolean started;
  private long lastStartNanos;
  private boolean pending;
  private boolean urgent;
  private boolean running;
  private boolean armed;
  private boolean closed;

  Throttle(Clock clock, Duration interval, String name, Runnable action) {
    this.clock = clock;
    this.intervalNanos = interval.toNanos();
    this.action = action;
    this.timer = clock.newTimer(name, this::expire);
  }

  /** Runs the action on the clock's thread: at once, or once at the end of the current interval. */
  void request() {
    synchronized (this) {
      if (closed) {
        return;
      }
      pending = true;
      if (!running && !armed) {
        armed = true;
        timer.mod(Duration.ofNanos(Math.max(0, remainingLocked(clock.nanoTime()))));
      }
    }
  }

  /**
   * Runs the action as soon as no run is in progress, whatever the interval: on this thread, or on
   * the running one right after its run (then this returns at once).
   */
  void now() {
    synchronized (this) {
      if (closed) {
        return;
      }
      pending = true;
      urgent = true;
      if (running) {
        return; // the running thread takes it
      }
      running = true;
    }
    drain();
  }

  /** No more runs start; a run already under way finishes. */
  synchronized void close() {
    closed = true;
    pending = false;
    timer.cancel();
  }

  private void expire() {
    synchronized (this) {
      armed = false;
      if (running || !pending || closed) {
        return;
      }
      running = true;
    }
    drain();
  }

  /** How long until the interval since the last run's start has passed (may be negative). */
  private long remainingLocked(long now) {
    return started ? intervalNanos - (now - lastStartNanos) : 0;
  }

  /** Runs while requests are due; leaves the rest to the timer. The caller set {@code running}. */
  private void drain() {
    while (true) {
      synchronized (this) {
        if (closed || !pending) {
          running = false;
          return;
        }
        long now = clock.nanoTime();
        long wait = remainingLocked(now);
        if (wait > 0 && !urgent) {
          running = false;
          if (!armed) {
            armed = true;
            timer.mod(Duration.ofNanos(wait));
          }
          return;
        }
        pending = false;
        urgent = false;
        started = true;
        lastStartNanos = now;
      }
      action.run();
    }
  }
}
