// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.liveness;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Liveness of one connection: every {@code probeEvery} it sends a probe (a yamux or DERP ping,
 * whose answer counts as traffic), and once nothing at all has been heard for {@code deadAfter} it
 * declares the connection dead, once. The owner calls {@link #heard()} for every frame read.
 *
 * <p>A TCP connection into a black hole never errors by itself (writes sit in the send buffer,
 * reads wait forever), so this is what bounds how long a dead control or relay connection goes
 * unnoticed: at most {@code deadAfter + probeEvery}.
 *
 * <p>Thread-safe. The probe and {@code onDead} run on the clock's timer thread and must not block;
 * a probe that may block hands itself to another thread.
 */
public final class Watchdog {

  private final Clock clock;
  private final Duration probeEvery;
  private final Duration deadAfter;
  private final Runnable probe;
  private final Consumer<String> onDead;
  private final Timer timer;
  private volatile long lastHeard;
  private volatile boolean stopped;

  /** A stopped watchdog; {@link #start()} arms it. */
  public Watchdog(
      Clock clock,
      String name,
      Duration probeEvery,
      Duration deadAfter,
      Runnable probe,
      Consumer<String> onDead) {
    if (deadAfter.compareTo(probeEvery) < 0) {
      throw new IllegalArgumentException("deadAfter must be at least probeEvery");
    }
    this.clock = clock;
    this.probeEvery = probeEvery;
    this.deadAfter = deadAfter;
    this.probe = probe;
    this.onDead = onDead;
    this.timer = clock.newTimer(name, this::tick);
  }

  /** Starts watching, counting from now. */
  public void start() {
    lastHeard = clock.nanoTime();
    stopped = false;
    timer.mod(probeEvery);
  }

  /** Something arrived on the connection. */
  public void heard() {
    lastHeard = clock.nanoTime();
  }

  /** Stops watching (the connection closed for another reason). Idempotent. */
  public void stop() {
    stopped = true;
    timer.cancel();
  }

  private void tick() {
    if (stopped) {
      return;
    }
    Duration quiet = clock.since(lastHeard);
    if (quiet.compareTo(deadAfter) >= 0) {
      stopped = true;
      onDead.accept("nothing heard for " + quiet.toSeconds() + " s");
      return;
    }
    probe.run();
    Duration left = deadAfter.minus(quiet);
    timer.mod(left.compareTo(probeEvery) < 0 ? left : probeEvery);
  }
}
