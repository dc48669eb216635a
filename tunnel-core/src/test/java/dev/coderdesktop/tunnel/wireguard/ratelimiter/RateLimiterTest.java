// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.ratelimiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.time.VirtualClock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final VirtualClock clock = new VirtualClock();
  private final RateLimiter limiter = new RateLimiter(clock);
  private static final byte[] A = {10, 0, 0, 1};
  private static final byte[] B = {10, 0, 0, 2};

  private int allowedInARow(byte[] source) {
    int n = 0;
    while (limiter.allow(source)) {
      n++;
    }
    return n;
  }

  @Test
  @DisplayName("a quiet source gets a burst of five, then nothing until tokens refill")
  void burst() {
    assertEquals(RateLimiter.PACKETS_BURSTABLE, allowedInARow(A));
    assertFalse(limiter.allow(A));
    clock.advance(Duration.ofMillis(50));
    assertTrue(limiter.allow(A));
    assertFalse(limiter.allow(A));
  }

  @Test
  @DisplayName("sustained traffic is held to twenty a second")
  void sustained() {
    allowedInARow(A);
    int allowed = 0;
    for (int ms = 0; ms < 1000; ms += 5) {
      clock.advance(Duration.ofMillis(5));
      if (limiter.allow(A)) {
        allowed++;
      }
    }
    assertEquals(RateLimiter.PACKETS_PER_SECOND, allowed);
  }

  @Test
  @DisplayName("sources are limited independently, and idle ones are forgotten")
  void independentAndForgotten() {
    allowedInARow(A);
    assertEquals(RateLimiter.PACKETS_BURSTABLE, allowedInARow(B.clone()));
    assertEquals(2, limiter.size());
    clock.advance(Duration.ofSeconds(2));
    limiter.allow(new byte[] {10, 0, 0, 3});
    assertEquals(1, limiter.size());
  }
}
