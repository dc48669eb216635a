// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coderdesktop.testbed.derp.DerpServer;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpBind;
import dev.coderdesktop.tunnel.derp.DerpEndpoint;
import dev.coderdesktop.tunnel.disco.DiscoHandler;
import dev.coderdesktop.tunnel.path.CuttableDatagrams;
import dev.coderdesktop.tunnel.path.DirectTransport;
import dev.coderdesktop.tunnel.path.PathStatus;
import dev.coderdesktop.tunnel.path.UdpSockets;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.tun.ChannelTun;
import dev.coderdesktop.tunnel.wireguard.Device;
import dev.coderdesktop.tunnel.wireguard.WireGuardTimings;
import dev.coderdesktop.tunnel.wireguard.config.Config;
import dev.coderdesktop.tunnel.wireguard.config.IpPrefix;
import dev.coderdesktop.tunnel.wireguard.config.PeerConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two full peers in one process: WireGuard devices over the direct-path transport, disco over the
 * DERP relay and loopback UDP, a real relay server. They start on DERP, go direct, fall back to
 * DERP when UDP is cut (packets keep flowing), and return to direct when it is restored.
 */
@Timeout(60)
class DirectPathTest {

  private static final int REGION = 1;
  private final SystemClock clock = new SystemClock("direct-test");
  private DerpServer relay;
  private Peer a;
  private Peer b;

  /** One node: keys, relay, disco, the direct path and a WireGuard device. */
  private final class Peer {
    final Key nodePrivate = X25519.generatePrivateKey();
    final Key node = X25519.publicKey(nodePrivate);
    final ChannelTun tun;
    final DerpBind derp;
    final DiscoHandler disco;
    final CuttableDatagrams udp;
    final DirectTransport direct;
    final String address;
    // System.nanoTime() when the listener last heard that a path left DIRECT.
    volatile long relayedAtNanos;
    Device device;

    Peer(String name, URI relayUrl, String address) throws Exception {
      this.address = address;
      this.tun = new ChannelTun(name, 1280);
      this.derp = new DerpBind(relayUrl, nodePrivate, Map.of(), clock);
      this.disco =
          new DiscoHandler(
              X25519.generatePrivateKey(),
              node,
              REGION,
              (to, p) -> derp.client().send(to, p, 0, p.length),
              clock);
      derp.setDiscoHandler(disco::onDerpPacket);
      this.udp = new CuttableDatagrams(new UdpSockets());
      this.direct =
          DirectTransport.over(
              udp,
              derp,
              disco,
              List.of(),
              () -> List.of(InetAddress.getLoopbackAddress()),
              clock,
              eps -> {},
              (k, s) -> {
                if (!s.isDirect()) {
                  relayedAtNanos = System.nanoTime();
                }
              });
    }

    void meet(Peer other, Duration keepalive) {
      disco.setPeer(other.node, other.disco.discoPublic());
      PeerConfig pc =
          new PeerConfig(
              other.node,
              null,
              List.of(IpPrefix.parse(other.address + "/128")),
              new DerpEndpoint(other.node),
              keepalive);
      device =
          new Device(
              new Config(nodePrivate, 0, List.of(), List.of(pc)),
              tun,
              direct.bind(),
              clock,
              WireGuardTimings.standard());
    }

    PathStatus pathTo(Peer other) {
      return direct.paths().status(other.node);
    }
  }

  private static byte[] udp6(String src, String dst, String text) throws Exception {
    byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer p = ByteBuffer.allocate(40 + payload.length);
    p.putInt(0x60000000).putShort((short) payload.length).put((byte) 17).put((byte) 64);
    p.put(InetAddress.getByName(src).getAddress()).put(InetAddress.getByName(dst).getAddress());
    return p.put(payload).array();
  }

  private static void await(Duration limit, String what, BooleanSupplier cond) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail(what + " within " + limit);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /** Sends one packet each way and checks both arrive. */
  private void exchange(String text) throws Exception {
    byte[] ab = udp6(a.address, b.address, text + " a->b");
    a.tun.inject(ab);
    assertArrayEquals(ab, b.tun.take(Duration.ofSeconds(10)), "a to b: " + text);
    byte[] ba = udp6(b.address, a.address, text + " b->a");
    b.tun.inject(ba);
    assertArrayEquals(ba, a.tun.take(Duration.ofSeconds(10)), "b to a: " + text);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Peer p : new Peer[] {a, b}) {
      if (p != null && p.device != null) {
        p.direct.close();
        p.device.close();
      }
    }
    if (relay != null) {
      relay.close();
    }
    clock.shutdown();
  }

  @Test
  @DisplayName(
      "DERP first, then direct; UDP cut: back to DERP within 5 s without loss; restored: direct again")
  void upgradeFallBackAndReturn() throws Exception {
    relay = new DerpServer(X25519.generatePrivateKey(), clock);
    int port = relay.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    URI url = URI.create("http://127.0.0.1:" + port + "/derp");
    a = new Peer("a", url, "fd60:627a:a42b::a");
    b = new Peer("b", url, "fd60:627a:a42b::b");
    // Like the product, only one side (the client) keeps the session alive. Two keepalives sent in
    // the same instant start crossing handshakes: each side answers the other's initiation, which
    // replaces its own, so both answers find no index and both wait out REKEY_TIMEOUT (5 s), as
    // wireguard-go and the kernel do too; on a busy machine the retries can cross again.
    a.meet(b, Duration.ofSeconds(25));
    b.meet(a, null);
    await(Duration.ofSeconds(10), "both relay clients logged in", () -> relay.clientCount() == 2);
    // The device first: its receive threads read the sockets, STUN and disco included.
    a.device.start();
    b.device.start();
    a.direct.start();
    b.direct.start();
    await(
        Duration.ofSeconds(5),
        "local endpoints known",
        () -> !a.direct.endpoints().isEmpty() && !b.direct.endpoints().isEmpty());
    exchange("over DERP");

    long t0 = System.nanoTime();
    a.direct.paths().setPeer(b.node, b.direct.endpoints());
    b.direct.paths().setPeer(a.node, a.direct.endpoints());
    await(
        Duration.ofSeconds(5),
        "a direct path both ways",
        () -> a.pathTo(b).isDirect() && b.pathTo(a).isDirect());
    long toDirectMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(toDirectMs < 5000, "direct after " + toDirectMs + " ms");
    assertEquals(b.direct.endpoints().get(0).getPort(), a.pathTo(b).direct().getPort());
    long before = a.direct.bind().directPackets();
    exchange("direct");
    assertTrue(
        a.direct.bind().directPackets() > before,
        () ->
            "the packet went over UDP (a's path to b "
                + a.pathTo(b)
                + ", b's to a "
                + b.pathTo(a)
                + "; UDP received by a "
                + a.direct.bind().directReceived()
                + ", by b "
                + b.direct.bind().directReceived()
                + ", sent by b "
                + b.direct.bind().directPackets()
                + ")");

    a.udp.cut(true);
    long cutAt = System.nanoTime();
    await(Duration.ofSeconds(6), "a falls back to DERP", () -> !a.pathTo(b).isDirect());
    long fallbackMs = TimeUnit.NANOSECONDS.toMillis(a.relayedAtNanos - cutAt);
    assertTrue(fallbackMs <= 5000, "fell back after " + fallbackMs + " ms");
    await(Duration.ofSeconds(6), "b falls back to DERP", () -> !b.pathTo(a).isDirect());
    long relayedBefore = a.direct.bind().directPackets();
    exchange("over DERP while UDP is cut");
    assertEquals(relayedBefore, a.direct.bind().directPackets(), "nothing tried UDP");

    a.udp.cut(false);
    await(
        Duration.ofSeconds(12),
        "direct again after UDP returns",
        () -> a.pathTo(b).isDirect() && b.pathTo(a).isDirect());
    exchange("direct again");
    assertFalse(a.pathTo(b).direct() == null);
  }
}
