// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random and mutated datagrams for the STUN parsers: they may refuse them, but only with
 * {@link StunFormatException}, and a response they accept encodes and parses back to itself.
 */
@Timeout(60)
class StunFuzzTest {

  private static final long SEED = 0x5eed_57c0L;
  private static final int ROUNDS = 20_000;

  private static final byte[][] SEEDS = {
    StunKnownAnswerTest.SAMPLE_REQUEST,
    StunKnownAnswerTest.SAMPLE_IPV4_RESPONSE,
    StunKnownAnswerTest.SAMPLE_IPV6_RESPONSE,
    BindingRequest.encode(TransactionId.random()),
  };

  @Test
  @DisplayName("random and mutated datagrams parse to a value or are refused, never crash")
  void datagrams() {
    Random r = new Random(SEED);
    int accepted = 0;
    for (int i = 0; i < ROUNDS; i++) {
      byte[] p = datagram(r);
      try {
        BindingResponse m = BindingResponse.parse(p);
        accepted++;
        assertEquals(m, BindingResponse.parse(m.encode()), "round " + i);
      } catch (StunFormatException expected) {
        // Dropped, as a receiver would.
      } catch (RuntimeException e) {
        fail("round " + i + ": " + Arrays.toString(p) + " threw " + e, e);
      }
      try {
        BindingRequest.parse(p);
      } catch (StunFormatException expected) {
        // Dropped.
      } catch (RuntimeException e) {
        fail("round " + i + ": " + Arrays.toString(p) + " threw " + e, e);
      }
    }
    assertTrue(accepted > 0, "the unmutated responses parse");
  }

  private static byte[] datagram(Random r) {
    byte[] seed = SEEDS[r.nextInt(SEEDS.length)];
    switch (r.nextInt(4)) {
      case 0 -> {
        byte[] p = new byte[r.nextInt(120)];
        r.nextBytes(p);
        if (p.length >= 8 && r.nextBoolean()) {
          // Keep the cookie so the attribute walk is reached.
          p[0] &= 0x3f;
          System.arraycopy(seed, 4, p, 4, 4);
        }
        return p;
      }
      case 1 -> {
        return Arrays.copyOf(seed, r.nextInt(seed.length + 1));
      }
      case 2 -> {
        byte[] p = seed.clone();
        int at = 2 + r.nextInt(2); // the length field
        p[at] = (byte) r.nextInt(256);
        return p;
      }
      default -> {
        byte[] p = seed.clone();
        if (r.nextInt(8) != 0) {
          p[r.nextInt(p.length)] ^= (byte) (1 + r.nextInt(255));
        }
        return p;
      }
    }
  }
}
