// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.time.Duration;

/**
 * Runs an action at most once per interval without losing a request: a request after a quiet
 * interval runs it at once, and any number of requests within the interval make one run at its end.
 * The engine publishes its agent list through one, because every handshake, node, path change and
 * ping round asks for a publication and each one costs the service work for every agent (the list,
 * the DNS table, the status to every client): with 1,000 agents starting, publishing each request
 * allocated gigabytes in seconds. A run starts after every request, so the last state is always
 * published. The action runs on the requesting thread or the clock's, holding no lock of this class
 * (as before it was throttled, so no new lock order), and so two runs may overlap. Thread-safe.
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
  private boolean armed;
  private boolean closed;

  Throttle(Clock clock, Duration interval, String name, Runnable action) {
    this.clock = clock;
    this.intervalNanos = interval.toNanos();
    this.action = action;
    this.timer = clock.newTimer(name, this::expire);
  }

  /** Runs the action now, or once at the end of the current interval. */
  void request() {
    synchronized (this) {
      if (closed) {
        return;
      }
      long now = clock.nanoTime();
      if (armed || (started && now - lastStartNanos < intervalNanos)) {
        pending = true;
        if (!armed) {
          armed = true;
          timer.mod(Duration.ofNanos(intervalNanos - (now - lastStartNanos)));
        }
        return;
      }
      markStarted(now);
    }
    run();
  }

  /** Runs the action now, whatever the interval (a pending run still follows at its end). */
  void now() {
    synchronized (this) {
      if (closed) {
        return;
      }
      markStarted(clock.nanoTime());
    }
    run();
  }

  /** No more runs; a pending one is dropped. */
  synchronized void close() {
    closed = true;
    pending = false;
    timer.cancel();
  }

  private void expire() {
    synchronized (this) {
      armed = false;
      if (!pending || closed) {
        return;
      }
      pending = false;
      markStarted(clock.nanoTime());
    }
    run();
  }

  private void markStarted(long now) {
    started = true;
    lastStartNanos = now;
  }

  private void run() {
    action.run();
  }
}
