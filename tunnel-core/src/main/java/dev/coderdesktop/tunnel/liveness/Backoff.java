// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.liveness;

import dev.coderdesktop.tunnel.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Redial delays: exponential from {@link Policy#min()} to {@link Policy#max()}, each drawn at
 * random from the upper half of its step so that many clients cut off together do not come back in
 * lockstep. A successful dial does not reset the count; only a connection that then stays up for
 * {@link Policy#healthyAfter()} does. A server that accepts and at once hangs up is so redialled
 * with growing waits instead of in a tight loop.
 *
 * <pre>
 *   next() after a connection that lasted &gt;= healthyAfter: failures = 1  (wait ~min)
 *   next() otherwise:                                        failures + 1 (wait ~min * 2^(failures-1), capped)
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class Backoff {

  /**
   * The shape of a backoff.
   *
   * @param min the first wait
   * @param max the largest wait
   * @param healthyAfter how long a connection must last before past failures are forgotten
   */
  public record Policy(Duration min, Duration max, Duration healthyAfter) {
    /** Validates. */
    public Policy {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
      Objects.requireNonNull(healthyAfter, "healthyAfter");
      if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException("need 0 < min <= max");
      }
    }
  }

  private final Policy policy;
  private final Clock clock;
  private final RandomGenerator random;

  // Guarded by this.
  private int failures;
  private long upSince = -1;

  /** A backoff with {@code policy}, timed by {@code clock}, jittered by {@code random}. */
  public Backoff(Policy policy, Clock clock, RandomGenerator random) {
    this.policy = policy;
    this.clock = clock;
    this.random = random;
  }

  /** The connection is up (logged in, not merely dialled); starts the healthy timer. */
  public synchronized void connected() {
    upSince = clock.nanoTime();
  }

  /** The dial failed or the connection ended: how long to wait before the next dial. */
  public synchronized Duration next() {
    if (upSince >= 0 && clock.since(upSince).compareTo(policy.healthyAfter()) >= 0) {
      failures = 0;
    }
    upSince = -1;
    failures++;
    long min = policy.min().toNanos();
    long cap = policy.max().toNanos();
    int shift = Math.min(failures - 1, 30);
    long step = min > (cap >> shift) ? cap : Math.min(cap, min << shift);
    long half = step / 2;
    return Duration.ofNanos(half + (half == 0 ? 0 : random.nextLong(half + 1)));
  }

  /** Forgets past failures (the network changed: the old count says nothing about the new one). */
  public synchronized void reset() {
    failures = 0;
    upSince = -1;
  }

  /** Consecutive failures counted so far. */
  public synchronized int failures() {
    return failures;
  }
}
