// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.disco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coderdesktop.tunnel.crypto.NaclBox;
import dev.coderdesktop.tunnel.crypto.X25519;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random input for the parsers: they may reject it, but only with {@link
 * DiscoFormatException}, and whatever they accept encodes and parses back to the same value.
 */
@Timeout(60)
class DiscoFuzzTest {

  private static final long SEED = 0x5eed_d15c0L;
  private static final int ROUNDS = 20_000;

  @Test
  @DisplayName("random plaintexts either parse to a value that round-trips or are rejected")
  void plaintexts() {
    Random r = new Random(SEED);
    for (int i = 0; i < ROUNDS; i++) {
      byte[] plain = new byte[r.nextInt(80)];
      r.nextBytes(plain);
      if (plain.length > 0 && r.nextBoolean()) {
        plain[0] = (byte) (1 + r.nextInt(3)); // bias towards known types
      }
      if (plain.length > 1 && r.nextBoolean()) {
        plain[1] = (byte) r.nextInt(2);
      }
      DiscoMessage m;
      try {
        m = DiscoMessage.parse(plain);
      } catch (DiscoFormatException e) {
        continue;
      } catch (RuntimeException e) {
        fail("round " + i + ": " + Arrays.toString(plain) + " threw " + e, e);
        return;
      }
      try {
        assertEquals(m, DiscoMessage.parse(m.encode()), "round " + i);
      } catch (DiscoFormatException e) {
        fail("round " + i + ": re-encoded message rejected: " + e.getMessage());
      }
    }
  }

  @Test
  @DisplayName("random and mutated packets never open to anything but a rejection or a message")
  void packets() throws Exception {
    Random r = new Random(SEED + 1);
    byte[] shared = NaclBox.sharedKey(DiscoPacketTest.B, X25519.publicKey(DiscoPacketTest.A));
    byte[] valid =
        DiscoPacketTest.seal(
            DiscoPacketTest.A,
            DiscoPacketTest.B,
            new DiscoMessage.Ping(DiscoPacketTest.TX, DiscoPacketTest.NODE));
    int opened = 0;
    for (int i = 0; i < ROUNDS / 4; i++) {
      byte[] p;
      switch (r.nextInt(3)) {
        case 0 -> {
          p = new byte[r.nextInt(200)];
          r.nextBytes(p);
        }
        case 1 -> p = Arrays.copyOf(valid, r.nextInt(valid.length + 1));
        default -> {
          p = valid.clone();
          p[r.nextInt(p.length)] ^= (byte) (1 + r.nextInt(255));
        }
      }
      try {
        DiscoPacket.sender(p);
        DiscoPacket.open(shared, p);
        opened++;
        // Only the sender-key bytes are outside the box (the receiver checks them against the
        // peer's known disco key before opening); everything after them must be intact.
        int from = DiscoPacket.HEADER_LENGTH;
        assertTrue(
            p.length == valid.length && Arrays.equals(p, from, p.length, valid, from, valid.length),
            "round " + i + ": a mutated box opened");
      } catch (DiscoFormatException expected) {
        // Dropped, as a receiver would.
      } catch (RuntimeException e) {
        fail("round " + i + " threw " + e, e);
      }
    }
    assertTrue(opened > 0, "the unmutated and key-flipped packets open");
  }
}
