// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.liveness;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Notices lost time with a periodic tick. Linux stops the monotonic clock during suspend while the
 * wall clock keeps going, so a wall-clock step well beyond the monotonic one means the machine
 * slept; a tick that comes far later than asked means the process was frozen (SIGSTOP, a stalled
 * VM). Either way every connection may be dead without knowing it, and {@code onLostTime} is told.
 * A manual clock change also counts; the cost is one needless re-bind.
 *
 * <p>Thread-safe; {@code onLostTime} runs on the clock's timer thread and must not block.
 */
public final class SleepDetector {

  private final Clock clock;
  private final Duration every;
  private final Duration threshold;
  private final Consumer<String> onLostTime;
  private final Timer timer;

  // Touched only by start() before arming and by the timer thread after.
  private long lastMono;
  private long lastWallNanos;
  private volatile boolean stopped;

  /** Ticks every {@code every}; reports gaps beyond {@code threshold}. */
  public SleepDetector(
      Clock clock, Duration every, Duration threshold, Consumer<String> onLostTime) {
    this.clock = clock;
    this.every = every;
    this.threshold = threshold;
    this.onLostTime = onLostTime;
    this.timer = clock.newTimer("sleep-detector", this::tick);
  }

  /** Starts ticking. */
  public synchronized void start() {
    stopped = false;
    lastMono = clock.nanoTime();
    lastWallNanos = wallNanos();
    timer.mod(every);
  }

  /** Stops ticking. Idempotent. */
  public void stop() {
    stopped = true;
    timer.cancel();
  }

  private long wallNanos() {
    java.time.Instant w = clock.wallTime();
    return w.getEpochSecond() * 1_000_000_000L + w.getNano();
  }

  private synchronized void tick() {
    if (stopped) {
      return;
    }
    long mono = clock.nanoTime();
    long wall = wallNanos();
    Duration monoGap = Duration.ofNanos(mono - lastMono);
    Duration wallGap = Duration.ofNanos(wall - lastWallNanos);
    lastMono = mono;
    lastWallNanos = wall;
    timer.mod(every);
    Duration slept = wallGap.minus(monoGap);
    Duration late = monoGap.minus(every);
    if (slept.compareTo(threshold) > 0) {
      onLostTime.accept("the machine slept for about " + slept.toSeconds() + " s");
    } else if (late.compareTo(threshold) > 0) {
      onLostTime.accept("the process was frozen for about " + late.toSeconds() + " s");
    }
  }
}
