// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import static dev.coderdesktop.tunnel.time.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderdesktop.tunnel.bind.ChannelBind;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.time.VirtualClock;
import dev.coderdesktop.tunnel.tun.ChannelTun;
import dev.coderdesktop.tunnel.wireguard.config.Config;
import dev.coderdesktop.tunnel.wireguard.config.IpPrefix;
import dev.coderdesktop.tunnel.wireguard.config.PeerConfig;
import dev.coderdesktop.tunnel.wireguard.message.MessageType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer configured with a persistent keepalive (A, say behind NAT) reaches out on its own; the
 * other side (B) knows no endpoint for it until then.
 */
@Timeout(30)
class PersistentKeepaliveTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration INTERVAL = Duration.ofSeconds(25);

  private final VirtualClock clock = new VirtualClock();
  private final ChannelBind.Network net = new ChannelBind.Network();
  private final List<ChannelBind.Datagram> wire = new CopyOnWriteArrayList<>();
  private final Key aPriv = X25519.generatePrivateKey();
  private final Key bPriv = X25519.generatePrivateKey();
  private final ChannelBind aBind = net.newBind();
  private final ChannelBind bBind = net.newBind();
  private final ChannelTun aTun = new ChannelTun("a", 1420);
  private final ChannelTun bTun = new ChannelTun("b", 1420);
  private final List<Key> bHandshakes = new CopyOnWriteArrayList<>();
  private Device a;
  private Device b;

  private Device device(Key priv, Key peerPriv, ChannelTun tun, ChannelBind bind, PeerConfig p) {
    return new Device(
        new Config(priv, 0, List.of(), List.of(p)), tun, bind, clock, WireGuardTimings.standard());
  }

  private void startBoth(Duration aKeepalive) {
    net.setDrop(
        d -> {
          wire.add(d);
          return false;
        });
    a =
        device(
            aPriv,
            bPriv,
            aTun,
            aBind,
            new PeerConfig(
                X25519.publicKey(bPriv),
                null,
                List.of(IpPrefix.parse("10.0.0.2/32")),
                bBind.address(),
                aKeepalive));
    b =
        device(
            bPriv,
            aPriv,
            bTun,
            bBind,
            new PeerConfig(
                X25519.publicKey(aPriv),
                null,
                List.of(IpPrefix.parse("10.0.0.1/32")),
                null,
                Duration.ZERO));
    b.addHandshakeListener((peer, nanos) -> bHandshakes.add(peer));
    b.start();
    a.start();
  }

  @AfterEach
  void tearDown() {
    a.close();
    b.close();
  }

  private void advance(Duration total) {
    Duration step = Duration.ofMillis(500);
    for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plus(step)) {
      await("a quiet network", () -> net.idle() && aTun.idle() && bTun.idle());
      clock.advance(step);
    }
    await("a quiet network", () -> net.idle() && aTun.idle() && bTun.idle());
  }

  private long keepalivesFromA() {
    return wire.stream()
        .filter(d -> d.from().equals(aBind.address()))
        .filter(d -> d.bytes()[0] == MessageType.TRANSPORT && d.bytes().length == 32)
        .count();
  }

  @Test
  @DisplayName("start() handshakes at once, and B learns A's endpoint and can send to it")
  void handshakeOnStart() throws Exception {
    startBoth(INTERVAL);
    await("B's handshake with A", () -> bHandshakes.size() == 1);
    assertEquals(X25519.publicKey(aPriv), bHandshakes.get(0));
    byte[] toA = Packets.ipv4("10.0.0.2", "10.0.0.1", "first".getBytes(StandardCharsets.US_ASCII));
    bTun.inject(toA);
    assertArrayEquals(toA, aTun.take(WAIT));
  }

  @Test
  @DisplayName("an idle session carries one keepalive from A per interval")
  void keepaliveEveryInterval() {
    startBoth(INTERVAL);
    await("B's handshake with A", () -> bHandshakes.size() == 1);
    advance(Duration.ofSeconds(1));
    long before = keepalivesFromA();
    advance(INTERVAL.multipliedBy(3));
    assertEquals(before + 3, keepalivesFromA());
  }

  @Test
  @DisplayName("without a persistent keepalive, start() sends nothing")
  void quietWithoutKeepalive() {
    startBoth(Duration.ZERO);
    advance(Duration.ofSeconds(60));
    assertEquals(0, wire.size());
  }

  @Test
  @DisplayName("a removed peer's timers, re-armed by a packet in flight, send nothing")
  void removedPeerStaysQuiet() {
    startBoth(INTERVAL);
    await("B's handshake with A", () -> bHandshakes.size() == 1);
    Key bPub = X25519.publicKey(bPriv);
    Peer gone = a.peer(bPub);
    a.removePeer(bPub);
    advance(Duration.ofSeconds(1));
    int before = wire.size();
    rearmAsAPacketInFlight(gone);
    advance(INTERVAL.multipliedBy(2));
    assertEquals(before, wire.size(), "no initiation, retry or keepalive for a removed peer");
  }

  @Test
  @DisplayName("after close(), timers re-armed by a packet in flight send nothing")
  void closedDeviceStaysQuiet() {
    startBoth(INTERVAL);
    await("B's handshake with A", () -> bHandshakes.size() == 1);
    Peer peer = a.peer(X25519.publicKey(bPriv));
    a.close();
    advance(Duration.ofSeconds(1));
    int before = wire.size();
    rearmAsAPacketInFlight(peer);
    advance(INTERVAL.multipliedBy(2));
    assertEquals(before, wire.size(), "nothing from a closed device");
  }

  /** What a packet still being processed as the peer or device goes away would do. */
  private static void rearmAsAPacketInFlight(Peer peer) {
    peer.timers.handshakeInitiated();
    peer.timers.dataSent();
    peer.timers.anyAuthenticatedPacketTraversal();
  }
}
