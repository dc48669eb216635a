// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.disco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.NaclBox;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.time.VirtualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random and mutated datagrams into disco over UDP: the handler drops them or answers a
 * valid Ping with a Pong to the source, and never throws; relayed-only CallMeMaybe over UDP is
 * refused.
 */
@Timeout(60)
class DiscoUdpFuzzTest {

  private static final long SEED = 0x5eed_0d90L;
  private static final int ROUNDS = 10_000;

  @Test
  @DisplayName("random and mutated UDP disco packets are answered or dropped, never crash")
  void udpPackets() throws Exception {
    VirtualClock clock = new VirtualClock();
    Key peerDisco = X25519.generatePrivateKey();
    Key peerNode = X25519.publicKey(X25519.generatePrivateKey());
    Key usDisco = X25519.generatePrivateKey();
    List<InetSocketAddress> pongsTo = new ArrayList<>();
    List<InetSocketAddress> pingsFrom = new ArrayList<>();
    DiscoHandler us =
        new DiscoHandler(
            usDisco, X25519.publicKey(X25519.generatePrivateKey()), 1, (k, p) -> true, clock);
    us.setDirect(
        (to, p) -> pongsTo.add(to),
        new DiscoHandler.DirectEvents() {
          @Override
          public void onDirectPing(Key nodeKey, InetSocketAddress from) {
            assertEquals(peerNode, nodeKey);
            pingsFrom.add(from);
          }

          @Override
          public void onCallMeMaybe(Key nodeKey, List<InetSocketAddress> endpoints) {
            fail("a CallMeMaybe over UDP must not count");
          }
        });
    us.setPeer(peerNode, X25519.publicKey(peerDisco));
    byte[] shared = NaclBox.sharedKey(peerDisco, X25519.publicKey(usDisco));
    byte[][] valid = {
      seal(peerDisco, shared, new DiscoMessage.Ping(TxId.random(), peerNode)),
      seal(peerDisco, shared, new DiscoMessage.CallMeMaybe(List.of(addr(1)))),
      seal(peerDisco, shared, new DiscoMessage.Pong(TxId.random(), addr(2))),
    };
    InetSocketAddress src = addr(3);
    Random r = new Random(SEED);
    int intactPings = 0;
    for (int i = 0; i < ROUNDS; i++) {
      int which = r.nextInt(valid.length);
      byte[] p = valid[which].clone();
      boolean intact = false;
      switch (r.nextInt(4)) {
        case 0 -> {
          p = new byte[r.nextInt(200)];
          r.nextBytes(p);
        }
        case 1 -> p = Arrays.copyOf(p, r.nextInt(p.length));
        case 2 -> p[6 + r.nextInt(p.length - 6)] ^= (byte) (1 + r.nextInt(255));
        default -> intact = true;
      }
      int pongsBefore = pongsTo.size();
      try {
        us.onUdpPacket(src, p);
      } catch (RuntimeException e) {
        fail("round " + i + " threw " + e, e);
      }
      if (intact && which == 0) {
        intactPings++;
        assertEquals(pongsBefore + 1, pongsTo.size(), "round " + i + ": a ping is answered");
      } else {
        assertEquals(pongsBefore, pongsTo.size(), "round " + i + ": only pings are answered");
      }
    }
    assertTrue(intactPings > 0);
    assertEquals(intactPings, pingsFrom.size());
    assertTrue(pongsTo.stream().allMatch(src::equals), "pongs go back to the source");
    assertTrue(us.droppedPackets() > 0);
  }

  private static byte[] seal(Key senderPrivate, byte[] shared, DiscoMessage m) {
    byte[] nonce = new byte[NaclBox.NONCE_LENGTH];
    new Random(m.hashCode()).nextBytes(nonce);
    return DiscoPacket.seal(X25519.publicKey(senderPrivate), shared, nonce, m);
  }

  private static InetSocketAddress addr(int last) throws Exception {
    return new InetSocketAddress(
        InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last}), 41641);
  }
}
