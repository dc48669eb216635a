// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.disco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.time.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two disco endpoints on a fake relay that delivers after a fixed one-way delay (virtual time). */
@Timeout(10)
class DiscoHandlerTest {

  private static final Duration ONE_WAY = Duration.ofMillis(21);

  private final VirtualClock clock = new VirtualClock();
  private final Map<Key, DiscoHandler> byNode = new HashMap<>();
  private final List<byte[]> sentByUs = new ArrayList<>();
  private boolean relayUp = true;

  private final Key usNode = X25519.publicKey(X25519.generatePrivateKey());
  private final Key peerNode = X25519.publicKey(X25519.generatePrivateKey());
  private final DiscoHandler us = endpoint(usNode, 999);
  private final DiscoHandler peer = endpoint(peerNode, 999);

  private DiscoHandler endpoint(Key node, int region) {
    DiscoHandler handler =
        new DiscoHandler(
            X25519.generatePrivateKey(),
            node,
            region,
            (to, packet) -> {
              if (!relayUp) {
                return false;
              }
              if (node == usNode) {
                sentByUs.add(packet);
              }
              DiscoHandler dst = byNode.get(to);
              if (dst != null) {
                clock.newTimer("deliver", () -> dst.onDerpPacket(node, packet)).mod(ONE_WAY);
              }
              return true;
            },
            clock);
    byNode.put(node, handler);
    return handler;
  }

  private void introduce() {
    us.setPeer(peerNode, peer.discoPublic());
    peer.setPeer(usNode, us.discoPublic());
  }

  @Test
  @DisplayName("a ping over DERP comes back with the round-trip time and the relay's region")
  void pingPong() throws Exception {
    introduce();
    CompletableFuture<DiscoHandler.PingResult> f = us.ping(peerNode);
    assertFalse(f.isDone());
    clock.advance(Duration.ofMillis(41));
    assertFalse(f.isDone(), "the pong is still on its way");
    clock.advance(Duration.ofMillis(1));
    DiscoHandler.PingResult r = f.get();
    assertEquals(Duration.ofMillis(42), r.latency());
    assertFalse(r.direct());
    assertEquals(999, r.derpRegion());
    assertEquals(1, peer.pingsAnswered());
    assertEquals(DiscoPacket.PADDED_PACKET_LENGTH, sentByUs.get(0).length);
  }

  @Test
  @DisplayName("a peer that does not answer times the ping out after five seconds")
  void timeout() {
    us.setPeer(peerNode, peer.discoPublic()); // the peer does not know us and drops the ping
    CompletableFuture<DiscoHandler.PingResult> f = us.ping(peerNode);
    clock.advance(DiscoHandler.PING_TIMEOUT.minusNanos(1));
    assertFalse(f.isDone());
    clock.advance(Duration.ofNanos(1));
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, f::get);
    assertInstanceOf(TimeoutException.class, e.getCause());
    assertEquals(1, peer.droppedPackets());
    assertEquals(0, clock.pendingTimers());
  }

  @Test
  @DisplayName("pings to unknown peers or through a relay that is down fail at once")
  void failsFast() {
    assertTrue(us.ping(peerNode).isCompletedExceptionally());
    introduce();
    relayUp = false;
    assertTrue(us.ping(peerNode).isCompletedExceptionally());
    assertEquals(0, clock.pendingTimers());
  }

  @Test
  @DisplayName("a disco packet whose sender key is not the relay source's known key is dropped")
  void wrongSender() {
    introduce();
    // A stranger with its own disco key sends a ping that the relay says comes from peerNode.
    byte[][] captured = new byte[1][];
    DiscoHandler spy =
        new DiscoHandler(
            X25519.generatePrivateKey(),
            peerNode,
            1,
            (to, p) -> {
              captured[0] = p;
              return true;
            },
            clock);
    spy.setPeer(usNode, us.discoPublic());
    spy.ping(usNode);
    us.onDerpPacket(peerNode, captured[0]);
    assertEquals(1, us.droppedPackets());
    assertEquals(0, us.pingsAnswered());
  }

  @Test
  @DisplayName("removing a peer fails its pings in flight, and a late pong is dropped")
  void removePeer() throws Exception {
    introduce();
    CompletableFuture<DiscoHandler.PingResult> f = us.ping(peerNode);
    us.removePeer(peerNode);
    assertTrue(f.isCompletedExceptionally());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(1, us.droppedPackets());
  }

  @Test
  @DisplayName("close fails the pings in flight")
  void close() {
    introduce();
    CompletableFuture<DiscoHandler.PingResult> f = us.ping(peerNode);
    us.close();
    assertTrue(f.isCompletedExceptionally());
    assertTrue(us.ping(peerNode).isCompletedExceptionally());
  }
}
