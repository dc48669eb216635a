// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.wireguard.message.Layout;
import dev.coderdesktop.tunnel.wireguard.tai64n.Tai64n;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class HandshakeTest {

  private final Key alicePriv = X25519.generatePrivateKey();
  private final Key alicePub = X25519.publicKey(alicePriv);
  private final Key bobPriv = X25519.generatePrivateKey();
  private final Key bobPub = X25519.publicKey(bobPriv);
  private final Tai64n now = Tai64n.of(Instant.parse("2026-11-24T12:00:00Z"));

  private SessionKeys[] run(Key alicePsk, Key bobPsk) throws HandshakeException {
    Handshake alice = new Handshake(alicePriv, alicePub, bobPub, alicePsk);
    Handshake bob = new Handshake(bobPriv, bobPub, alicePub, bobPsk);
    byte[] init = new byte[Layout.INITIATION_SIZE];
    alice.createInitiation(0x11223344, now, init, 0);
    InitiationResult r = Handshake.openInitiation(bobPriv, bobPub, init, 0, init.length);
    assertEquals(alicePub, r.remoteStatic());
    assertEquals(now, r.timestamp());
    assertEquals(0x11223344, r.senderIndex());
    bob.acceptInitiation(r);
    byte[] resp = new byte[Layout.RESPONSE_SIZE];
    bob.createResponse(0x55667788, resp, 0);
    alice.consumeResponse(resp, 0, resp.length);
    return new SessionKeys[] {alice.deriveSessionKeys(), bob.deriveSessionKeys()};
  }

  /** An initiation from alice to bob, with a handshake of alice's own that nobody answers. */
  private byte[] aliceInitiation() throws HandshakeException {
    byte[] init = new byte[Layout.INITIATION_SIZE];
    new Handshake(alicePriv, alicePub, bobPub, null).createInitiation(1, now, init, 0);
    return init;
  }

  private static void assertRefused(HandshakeException.Reason reason, Executable step) {
    assertEquals(reason, assertThrows(HandshakeException.class, step).reason());
  }

  @Test
  @DisplayName("initiator and responder derive mirrored transport keys and indexes")
  void mirroredKeys() throws Exception {
    SessionKeys[] k = run(null, null);
    assertEquals(k[0].sendKey(), k[1].receiveKey());
    assertEquals(k[0].receiveKey(), k[1].sendKey());
    assertTrue(k[0].initiator());
    assertEquals(0x11223344, k[0].localIndex());
    assertEquals(0x55667788, k[0].remoteIndex());
    assertEquals(0x55667788, k[1].localIndex());
    assertEquals(0x11223344, k[1].remoteIndex());
  }

  @Test
  @DisplayName("a shared pre-shared key works; differing ones fail at the response")
  void presharedKeys() throws Exception {
    Key psk = Key.secretKey(new byte[32]);
    byte[] other = new byte[32];
    other[0] = 1;
    SessionKeys[] k = run(Key.secretKey(other), Key.secretKey(other));
    assertEquals(k[0].sendKey(), k[1].receiveKey());
    assertRefused(HandshakeException.Reason.DECRYPT_FAILED, () -> run(psk, Key.secretKey(other)));
  }

  @Nested
  @DisplayName("an initiation")
  class Initiation {
    @Test
    @DisplayName("for another responder fails to decrypt")
    void wrongResponder() throws Exception {
      byte[] init = aliceInitiation();
      Key evePriv = X25519.generatePrivateKey();
      assertRefused(
          HandshakeException.Reason.DECRYPT_FAILED,
          () -> Handshake.openInitiation(evePriv, X25519.publicKey(evePriv), init, 0, init.length));
    }

    @Test
    @DisplayName("with a low-order ephemeral key is rejected")
    void lowOrderEphemeral() throws Exception {
      byte[] init = aliceInitiation();
      java.util.Arrays.fill(init, Layout.INITIATION_NOISE_OFFSET, 40, (byte) 0);
      assertRefused(
          HandshakeException.Reason.LOW_ORDER_KEY,
          () -> Handshake.openInitiation(bobPriv, bobPub, init, 0, init.length));
    }

    @Test
    @DisplayName("from an unexpected static key is refused by that peer's handshake")
    void wrongPeer() throws Exception {
      byte[] init = aliceInitiation();
      InitiationResult r = Handshake.openInitiation(bobPriv, bobPub, init, 0, init.length);
      Handshake bobWithCarol =
          new Handshake(bobPriv, bobPub, X25519.publicKey(X25519.generatePrivateKey()), null);
      assertRefused(HandshakeException.Reason.UNKNOWN_PEER, () -> bobWithCarol.acceptInitiation(r));
    }
  }

  @Test
  @DisplayName("a tampered response leaves the initiator able to accept the genuine one")
  void tamperedResponseKeepsState() throws Exception {
    Handshake alice = new Handshake(alicePriv, alicePub, bobPub, null);
    Handshake bob = new Handshake(bobPriv, bobPub, alicePub, null);
    byte[] init = new byte[Layout.INITIATION_SIZE];
    alice.createInitiation(9, now, init, 0);
    bob.acceptInitiation(Handshake.openInitiation(bobPriv, bobPub, init, 0, init.length));
    byte[] resp = new byte[Layout.RESPONSE_SIZE];
    bob.createResponse(10, resp, 0);
    byte[] bad = resp.clone();
    bad[50] ^= 0x40;
    assertThrows(HandshakeException.class, () -> alice.consumeResponse(bad, 0, bad.length));
    assertEquals(Handshake.State.INITIATION_CREATED, alice.state());
    alice.consumeResponse(resp, 0, resp.length);
    assertArrayEquals(
        bob.deriveSessionKeys().receiveKey().bytes(), alice.deriveSessionKeys().sendKey().bytes());
  }

  @Test
  @DisplayName("timestamps order so that a replayed initiation is older than the accepted one")
  void timestampOrdering() {
    Tai64n earlier = Tai64n.of(Instant.parse("2026-11-24T11:59:59Z"));
    assertTrue(now.isAfter(earlier));
    assertTrue(!now.isAfter(now));
    // Whitening: two instants within the same ~16 ms granule encode identically.
    Instant t = Instant.parse("2026-11-24T12:00:00.000000001Z");
    assertEquals(Tai64n.of(Instant.parse("2026-11-24T12:00:00Z")), Tai64n.of(t));
    assertEquals("400000006b057c4a00000000", java.util.HexFormat.of().formatHex(now.bytes()));
  }

  @Test
  @DisplayName("random mutations of handshake messages only ever raise HandshakeException")
  void fuzz() throws Exception {
    byte[] init = aliceInitiation();
    Random rnd = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] m = init.clone();
      int len = rnd.nextInt(4) == 0 ? rnd.nextInt(m.length + 1) : m.length;
      for (int j = 0; j < 1 + rnd.nextInt(4); j++) {
        m[rnd.nextInt(m.length)] ^= (byte) (1 + rnd.nextInt(255));
      }
      try {
        Handshake.openInitiation(bobPriv, bobPub, m, 0, len);
      } catch (HandshakeException expected) {
        // The only permitted failure.
      }
      Handshake h = new Handshake(alicePriv, alicePub, bobPub, null);
      h.createInitiation(2, now, new byte[Layout.INITIATION_SIZE], 0);
      try {
        h.consumeResponse(m, 0, Math.min(len, Layout.RESPONSE_SIZE));
      } catch (HandshakeException expected) {
        // The only permitted failure.
      }
    }
  }
}
