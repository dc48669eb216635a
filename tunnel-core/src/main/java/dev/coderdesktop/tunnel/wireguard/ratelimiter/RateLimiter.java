// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.ratelimiter;

import dev.coderdesktop.tunnel.time.Clock;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per source address, as wireguard-go applies to handshake messages while under
 * load: each source may have {@link #PACKETS_PER_SECOND} handshakes a second with a burst of {@link
 * #PACKETS_BURSTABLE}. Buckets idle for a second are forgotten, so memory tracks only recently
 * active sources.
 *
 * <p>Thread-safe (one lock; it is only consulted on the under-load handshake path).
 */
public final class RateLimiter {

  /** Sustained handshakes per second per source. */
  public static final int PACKETS_PER_SECOND = 20;

  /** Handshakes a quiet source may send at once. */
  public static final int PACKETS_BURSTABLE = 5;

  private static final long PACKET_COST = 1_000_000_000L / PACKETS_PER_SECOND;
  private static final long MAX_TOKENS = PACKET_COST * PACKETS_BURSTABLE;
  private static final long FORGET_AFTER = 1_000_000_000L;

  private static final class Bucket {
    long last;
    long tokens;
  }

  private final Clock clock;

  // Guarded by this.
  private final Map<ByteBuffer, Bucket> buckets = new HashMap<>();
  private long lastSweep;

  /** A limiter reading time from {@code clock}. */
  public RateLimiter(Clock clock) {
    this.clock = clock;
    this.lastSweep = clock.nanoTime();
  }

  /** Whether a handshake from {@code source} (an address, any length) may be processed now. */
  public synchronized boolean allow(byte[] source) {
    long now = clock.nanoTime();
    if (now - lastSweep > FORGET_AFTER) {
      buckets.values().removeIf(b -> now - b.last > FORGET_AFTER);
      lastSweep = now;
    }
    ByteBuffer key = ByteBuffer.wrap(source);
    Bucket b = buckets.get(key);
    if (b == null) {
      b = new Bucket();
      b.last = now;
      b.tokens = MAX_TOKENS - PACKET_COST;
      buckets.put(ByteBuffer.wrap(source.clone()), b);
      return true;
    }
    b.tokens = Math.min(MAX_TOKENS, b.tokens + (now - b.last));
    b.last = now;
    if (b.tokens >= PACKET_COST) {
      b.tokens -= PACKET_COST;
      return true;
    }
    return false;
  }

  /** Sources currently tracked; for tests. */
  public synchronized int size() {
    return buckets.size();
  }
}
