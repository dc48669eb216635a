// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.cookie;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.time.VirtualClock;
import dev.coderdesktop.tunnel.wireguard.message.Layout;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CookieTest {

  private final VirtualClock clock = new VirtualClock();
  private final Key responder = X25519.publicKey(X25519.generatePrivateKey());
  private final CookieChecker checker = new CookieChecker(responder, clock);
  private final CookieGenerator generator = new CookieGenerator(responder, clock);
  private final byte[] source = {127, 0, 0, 1, 0x39, 0x30};

  private byte[] message() {
    byte[] m = new byte[Layout.INITIATION_SIZE];
    new Random(7).nextBytes(m);
    m[0] = 1;
    m[1] = 0;
    m[2] = 0;
    m[3] = 0;
    return m;
  }

  @Test
  @DisplayName("mac1 verifies for the intended responder only and catches tampering")
  void mac1() {
    byte[] m = message();
    generator.addMacs(m, 0, m.length);
    assertTrue(checker.checkMac1(m, 0, m.length));
    CookieChecker other = new CookieChecker(X25519.publicKey(X25519.generatePrivateKey()), clock);
    assertFalse(other.checkMac1(m, 0, m.length));
    m[20] ^= 1;
    assertFalse(checker.checkMac1(m, 0, m.length));
  }

  @Test
  @DisplayName("a cookie reply makes the next message carry a valid mac2 until it expires")
  void cookieRoundTrip() {
    byte[] m = message();
    generator.addMacs(m, 0, m.length);
    assertFalse(checker.checkMac2(m, 0, m.length, source));

    byte[] reply = new byte[Layout.COOKIE_REPLY_SIZE];
    checker.createReply(m, 0, m.length, 1234, source, reply, 0);
    assertTrue(generator.consumeReply(reply, 0, reply.length));
    // A second copy of the same reply answers nothing outstanding.
    assertFalse(generator.consumeReply(reply, 0, reply.length));

    byte[] again = message();
    generator.addMacs(again, 0, again.length);
    assertTrue(checker.checkMac1(again, 0, again.length));
    assertTrue(checker.checkMac2(again, 0, again.length, source));
    assertFalse(checker.checkMac2(again, 0, again.length, new byte[] {10, 0, 0, 1, 0, 1}));

    clock.advance(Duration.ofSeconds(121));
    byte[] late = message();
    generator.addMacs(late, 0, late.length);
    assertFalse(checker.checkMac2(late, 0, late.length, source));
  }

  @Test
  @DisplayName("a forged or mismatched cookie reply is ignored")
  void forgedReply() {
    byte[] m = message();
    generator.addMacs(m, 0, m.length);
    byte[] reply = new byte[Layout.COOKIE_REPLY_SIZE];
    checker.createReply(m, 0, m.length, 1, source, reply, 0);
    reply[40] ^= 1;
    assertFalse(generator.consumeReply(reply, 0, reply.length));
    assertFalse(generator.consumeReply(reply, 0, 10));
  }
}
