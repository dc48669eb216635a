// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.bind.Bind;
import dev.coderdesktop.tunnel.bind.ChannelBind;
import dev.coderdesktop.tunnel.bind.Endpoint;
import dev.coderdesktop.tunnel.bind.UdpEndpoint;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpEndpoint;
import dev.coderdesktop.tunnel.disco.DiscoHandler;
import dev.coderdesktop.tunnel.linux.UdpBatchSocket;
import dev.coderdesktop.tunnel.time.VirtualClock;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The direct path's receive side over real loopback sockets: what a UDP socket's source hands the
 * device, in what order, from which endpoint, and what it keeps for STUN and disco.
 */
@Timeout(20)
class PathBindTest {

  private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

  private final VirtualClock clock = new VirtualClock();
  private final Key peer = X25519.publicKey(X25519.generatePrivateKey());
  private final List<byte[]> stun = new CopyOnWriteArrayList<>();
  private final List<byte[]> disco = new CopyOnWriteArrayList<>();
  // What a disco packet does besides being kept (a ping ties its source to a peer).
  private volatile BiConsumer<InetSocketAddress, byte[]> onDisco = (a, b) -> {};
  private ChannelBind relay;
  private UdpSockets udp;
  private DirectPaths paths;
  private PathBind bind;

  @BeforeEach
  void open() throws Exception {
    relay = new ChannelBind.Network().newBind();
    udp = new UdpSockets();
    DiscoHandler handler =
        new DiscoHandler(
            X25519.generatePrivateKey(),
            X25519.publicKey(X25519.generatePrivateKey()),
            1,
            (k, p) -> false,
            clock);
    paths = new DirectPaths(handler, clock, List::of, a -> true, (k, s) -> {});
    paths.setPeer(peer, List.of());
    bind =
        new PathBind(
            relay,
            udp,
            paths,
            (a, b) -> stun.add(b),
            (a, b) -> {
              disco.add(b);
              onDisco.accept(a, b);
            });
    assertTrue(udp.port(false) != 0, "these tests read the IPv4 socket, the second source");
  }

  @AfterEach
  void close() throws Exception {
    bind.close();
  }

  @Test
  @DisplayName(
      "a socket's source hands over WireGuard in order, from the peer's key or the address")
  void sortsInPlace() throws Exception {
    List<Bind.Source> sources = bind.sources();
    assertEquals(1 + udp.readers().size(), sources.size(), "the relay's, then one per socket");
    Bind.Source v4 = sources.get(1);
    try (DatagramSocket known = new DatagramSocket(0, LOOPBACK);
        DatagramSocket stranger = new DatagramSocket(0, LOOPBACK)) {
      InetSocketAddress knownAt = new InetSocketAddress(LOOPBACK, known.getLocalPort());
      paths.onDirectPing(peer, knownAt); // the peer's disco answered from there
      byte[] stunReply = stunReply();
      byte[] discoPacket = discoPacket();
      List<byte[]> wg = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        wg.add(wireGuard(i, 100 + i * 50));
      }
      send(known, wg.get(0));
      send(known, stunReply);
      send(known, wg.get(1));
      send(known, discoPacket);
      send(known, wg.get(2));
      send(stranger, wg.get(3));

      byte[][] bufs = new byte[UdpBatchSocket.BATCH][UdpBatchSocket.RECEIVE_SLOT];
      int[] sizes = new int[bufs.length];
      Endpoint[] from = new Endpoint[bufs.length];
      List<byte[]> got = new ArrayList<>();
      List<Endpoint> sources2 = new ArrayList<>();
      while (got.size() < wg.size()) {
        int n = v4.receive(bufs, sizes, from);
        assertTrue(n > 0, "a source returns only with something to hand over");
        for (int i = 0; i < n; i++) {
          got.add(Arrays.copyOf(bufs[i], sizes[i]));
          sources2.add(from[i]);
        }
      }
      Set<byte[]> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
      distinct.addAll(Arrays.asList(bufs));
      assertEquals(bufs.length, distinct.size(), "swapping kept every buffer, each once");
      for (int i = 0; i < wg.size(); i++) {
        assertArrayEquals(wg.get(i), got.get(i), "WireGuard datagram " + i + " in order");
      }
      DerpEndpoint asPeer = new DerpEndpoint(peer);
      assertEquals(List.of(asPeer, asPeer, asPeer), sources2.subList(0, 3), "the peer's key");
      assertEquals(
          new UdpEndpoint(new InetSocketAddress(LOOPBACK, stranger.getLocalPort())),
          sources2.get(3),
          "an address no disco answered at keeps its UDP source");
      assertEquals(1, stun.size());
      assertArrayEquals(stunReply, stun.get(0));
      assertEquals(1, disco.size());
      assertArrayEquals(discoPacket, disco.get(0));
      assertEquals(4, bind.directReceived());
    }
  }

  @Test
  @DisplayName("a disco ping in a batch ties its address to the peer for the datagrams after it")
  void discoMidBatch() throws Exception {
    onDisco = (a, b) -> paths.onDirectPing(peer, a);
    Bind.Source v4 = bind.sources().get(1);
    try (DatagramSocket s = new DatagramSocket(0, LOOPBACK)) {
      InetSocketAddress at = new InetSocketAddress(LOOPBACK, s.getLocalPort());
      // All three are queued before the source reads, so one recvmmsg takes them together.
      send(s, wireGuard(0, 120));
      send(s, discoPacket());
      send(s, wireGuard(1, 140));
      byte[][] bufs = new byte[8][UdpBatchSocket.RECEIVE_SLOT];
      int[] sizes = new int[8];
      Endpoint[] from = new Endpoint[8];
      List<Endpoint> got = new ArrayList<>();
      while (got.size() < 2) {
        int n = v4.receive(bufs, sizes, from);
        got.addAll(Arrays.asList(from).subList(0, n));
      }
      assertEquals(new UdpEndpoint(at), got.get(0), "before the ping: its address");
      assertEquals(new DerpEndpoint(peer), got.get(1), "after the ping: the peer's key");
    }
  }

  @Test
  @DisplayName("a batch of nothing but STUN and disco does not wake the device")
  void onlyOthersWaitForMore() throws Exception {
    Bind.Source v4 = bind.sources().get(1);
    try (DatagramSocket s = new DatagramSocket(0, LOOPBACK)) {
      send(s, stunReply());
      send(s, discoPacket());
      byte[][] bufs = new byte[4][UdpBatchSocket.RECEIVE_SLOT];
      int[] sizes = new int[4];
      Endpoint[] from = new Endpoint[4];
      AtomicReference<Object> outcome = new AtomicReference<>();
      Thread t =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      outcome.set(v4.receive(bufs, sizes, from) + " datagrams");
                    } catch (Exception e) {
                      outcome.set(e);
                    }
                  });
      long deadline = System.nanoTime() + 5_000_000_000L;
      while ((stun.isEmpty() || disco.isEmpty()) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(1, stun.size());
      assertEquals(1, disco.size());
      Thread.sleep(100);
      assertTrue(t.isAlive(), "still waiting for WireGuard");
      bind.close();
      t.join(5000);
      assertTrue(!t.isAlive(), "close wakes the waiting source");
      assertTrue(
          outcome.get() instanceof ClosedChannelException,
          "the source ends with ClosedChannelException, not " + outcome.get());
      assertEquals(0, bind.directReceived());
    }
  }

  @Test
  @DisplayName("after close every source throws ClosedChannelException")
  void closedSourcesThrow() throws Exception {
    List<Bind.Source> sources = bind.sources();
    bind.close();
    byte[][] bufs = new byte[2][UdpBatchSocket.RECEIVE_SLOT];
    for (Bind.Source s : sources) {
      assertThrows(
          ClosedChannelException.class, () -> s.receive(bufs, new int[2], new Endpoint[2]));
    }
  }

  private void send(DatagramSocket from, byte[] data) throws Exception {
    from.send(
        new DatagramPacket(data, data.length, new InetSocketAddress(LOOPBACK, udp.port(false))));
  }

  /** A binding success response header with the magic cookie, as a STUN server sends. */
  private static byte[] stunReply() {
    byte[] b = new byte[20];
    b[0] = 0x01;
    b[1] = 0x01;
    b[4] = 0x21;
    b[5] = 0x12;
    b[6] = (byte) 0xa4;
    b[7] = 0x42;
    b[8] = 7; // transaction id, so it differs from a zeroed buffer
    return b;
  }

  /** The disco magic, a sender key and a nonce: enough to be sorted as disco. */
  private static byte[] discoPacket() {
    byte[] magic = "TS💬".getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[magic.length + 32 + 24 + 16];
    System.arraycopy(magic, 0, b, 0, magic.length);
    b[b.length - 1] = 9;
    return b;
  }

  /** A transport-data-shaped datagram (type 4, three zeros) of {@code len} bytes. */
  private static byte[] wireGuard(int tag, int len) {
    byte[] b = new byte[len];
    b[0] = 4;
    for (int i = 4; i < len; i++) {
      b[i] = (byte) (tag * 31 + i);
    }
    return b;
  }
}
