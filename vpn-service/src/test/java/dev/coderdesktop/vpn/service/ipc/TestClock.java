// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.time.Timer;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock whose readings the test sets (so status times are exact) while its timers run in real
 * time on a system clock's thread (handshake deadlines, stalled clients, restore retries).
 */
final class TestClock implements Clock, AutoCloseable {

  final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final Instant wall = Instant.parse("2026-11-24T12:00:00Z");
  private final SystemClock timers = new SystemClock("test-timers");

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public Instant wallTime() {
    return wall;
  }

  @Override
  public Timer newTimer(String name, Runnable action) {
    return timers.newTimer(name, action);
  }

  @Override
  public void close() {
    timers.shutdown();
  }
}
