// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import static dev.coderdesktop.tunnel.time.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two devices on an in-memory network, driven by a virtual clock. */
@Timeout(30)
class DevicePairTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final VirtualClock clock = new VirtualClock();
  private final ChannelBind.Network net = new ChannelBind.Network();
  private final List<ChannelBind.Datagram> wire = new CopyOnWriteArrayList<>();
  private volatile java.util.function.Predicate<ChannelBind.Datagram> dropRule = d -> false;

  private final Key aPriv = X25519.generatePrivateKey();
  private final Key bPriv = X25519.generatePrivateKey();
  private ChannelBind aBind;
  private ChannelBind bBind;
  private ChannelTun aTun;
  private ChannelTun bTun;
  private Device a;
  private Device b;

  @BeforeEach
  void setUp() {
    net.setDrop(
        d -> {
          wire.add(d);
          return dropRule.test(d);
        });
    aBind = net.newBind();
    bBind = net.newBind();
    aTun = new ChannelTun("a", 1420);
    bTun = new ChannelTun("b", 1420);
    a = device(aPriv, bPriv, aTun, aBind, bBind.address(), "10.0.0.2/32", "fd00::2/128");
    b = device(bPriv, aPriv, bTun, bBind, aBind.address(), "10.0.0.1/32", "fd00::1/128");
    a.start();
    b.start();
  }

  private Device device(
      Key priv,
      Key peerPriv,
      ChannelTun tun,
      ChannelBind bind,
      ChannelBind.Address peerAddr,
      String... allowed) {
    PeerConfig peer =
        new PeerConfig(
            X25519.publicKey(peerPriv),
            null,
            java.util.Arrays.stream(allowed).map(IpPrefix::parse).toList(),
            peerAddr,
            Duration.ZERO);
    return new Device(
        new Config(priv, 0, List.of(), List.of(peer)),
        tun,
        bind,
        clock,
        WireGuardTimings.standard());
  }

  @AfterEach
  void tearDown() {
    a.close();
    b.close();
  }

  private static byte[] payload(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private void exchange(String tag) throws Exception {
    carry(
        aTun, bTun, Packets.ipv4("10.0.0.1", "10.0.0.2", payload("ping " + tag)), "A to B " + tag);
    carry(bTun, aTun, Packets.ipv6("fd00::2", "fd00::1", payload("pong " + tag)), "B to A " + tag);
  }

  /** Sends {@code packet} into one TUN and asserts that it comes out of the other unchanged. */
  private static void carry(ChannelTun from, ChannelTun to, byte[] packet, String what)
      throws Exception {
    from.inject(packet);
    assertArrayEquals(packet, to.take(WAIT), what);
  }

  /**
   * Moves virtual time in small steps, letting every in-flight packet be handled before the next
   * step, so timers fire in the order real time would give them.
   */
  private void advance(Duration total) throws InterruptedException {
    Duration step = Duration.ofMillis(100);
    for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plus(step)) {
      quiesce();
      clock.advance(step);
    }
    quiesce();
  }

  private void quiesce() throws InterruptedException {
    await("a quiet network", () -> net.idle() && aTun.idle() && bTun.idle());
  }

  private long handshakes(Device d) {
    return d.stats().peers().get(0).handshakes();
  }

  private int countType(int type) {
    return (int) wire.stream().filter(d -> d.bytes().length > 0 && d.bytes()[0] == type).count();
  }

  @Test
  @DisplayName("A's first packet starts a handshake and IPv4/IPv6 packets then flow both ways")
  void initiatedByA() throws Exception {
    exchange("1");
    exchange("2");
    assertEquals(1, countType(MessageType.INITIATION));
    assertEquals(1, handshakes(a));
    DeviceStats.PeerStats bOfA = a.stats().peers().get(0);
    assertEquals(clock.wallTime(), bOfA.lastHandshake());
    assertEquals(bBind.address(), bOfA.endpoint());
    assertTrue(bOfA.txBytes() > 0 && bOfA.rxBytes() > 0);
  }

  @Test
  @DisplayName("B can start the handshake too")
  void initiatedByB() throws Exception {
    carry(bTun, aTun, Packets.ipv6("fd00::2", "fd00::1", payload("hello")), "B to A");
    exchange("after");
    assertEquals(1, countType(MessageType.INITIATION));
    assertEquals(
        bBind.address(), wire.stream().filter(d -> d.bytes()[0] == 1).findFirst().get().from());
  }

  /** B counts one drop for {@code reason} and hands nothing to its TUN. */
  private void assertDroppedAtB(DropReason reason) throws Exception {
    await("a " + reason + " drop", () -> b.stats().dropped(reason) == 1);
    assertNull(bTun.take(Duration.ofMillis(50)));
  }

  @Test
  @DisplayName("a packet to an address no peer owns is dropped and counted")
  void noRoute() throws Exception {
    aTun.inject(Packets.ipv4("10.0.0.1", "192.0.2.7", payload("nowhere")));
    await("a NO_ROUTE drop", () -> a.stats().dropped(DropReason.NO_ROUTE) == 1);
    assertTrue(wire.isEmpty());
  }

  @Test
  @DisplayName("a packet with a source the peer may not use is dropped at the receiver")
  void spoofedSource() throws Exception {
    exchange("warm-up");
    aTun.inject(Packets.ipv4("10.0.0.99", "10.0.0.2", payload("spoof")));
    assertDroppedAtB(DropReason.SOURCE_NOT_ALLOWED);
  }

  @Test
  @DisplayName("a replayed transport packet is dropped and counted")
  void replay() throws Exception {
    exchange("warm-up");
    ChannelBind.Datagram data =
        wire.stream()
            .filter(d -> d.bytes()[0] == MessageType.TRANSPORT && d.bytes().length > 32)
            .filter(d -> d.to().equals(bBind.address()))
            .findFirst()
            .orElseThrow();
    bBind.deliver(data.from(), data.bytes());
    assertDroppedAtB(DropReason.REPLAY);
  }

  @Test
  @DisplayName("after REKEY_AFTER_TIME the initiator rekeys and traffic continues")
  void rekey() throws Exception {
    exchange("before");
    assertEquals(1, handshakes(a));
    advance(Protocol.REKEY_AFTER_TIME.plusSeconds(1));
    long before = handshakes(a);
    exchange("after");
    await("a second handshake", () -> handshakes(a) > before);
    exchange("again");
  }

  @Test
  @DisplayName("a lost initiation is retransmitted after REKEY_TIMEOUT plus jitter")
  void retransmit() throws Exception {
    dropRule =
        d -> d.bytes()[0] == MessageType.INITIATION && countType(MessageType.INITIATION) == 1;
    byte[] toB = Packets.ipv4("10.0.0.1", "10.0.0.2", payload("first"));
    aTun.inject(toB);
    await("the first initiation", () -> countType(MessageType.INITIATION) == 1);
    assertNull(bTun.take(Duration.ofMillis(50)));
    advance(Protocol.REKEY_TIMEOUT.plus(Protocol.REKEY_TIMEOUT_JITTER_MAX));
    assertArrayEquals(toB, bTun.take(WAIT), "the staged packet arrives after the retry");
    assertEquals(2, countType(MessageType.INITIATION));
  }

  @Test
  @DisplayName("a receiver with nothing to say sends a keepalive after KEEPALIVE_TIMEOUT")
  void passiveKeepalive() throws Exception {
    carry(aTun, bTun, Packets.ipv4("10.0.0.1", "10.0.0.2", payload("one-way")), "A to B");
    long keepalivesBefore = keepalivesFrom(bBind.address());
    advance(Protocol.KEEPALIVE_TIMEOUT.plusMillis(1));
    await("B's keepalive", () -> keepalivesFrom(bBind.address()) == keepalivesBefore + 1);
  }

  private long keepalivesFrom(ChannelBind.Address from) {
    return wire.stream()
        .filter(d -> d.from().equals(from))
        .filter(d -> d.bytes()[0] == MessageType.TRANSPORT && d.bytes().length == 32)
        .count();
  }

  @Test
  @DisplayName("key material is erased after three times REJECT_AFTER_TIME of silence")
  void zeroing() throws Exception {
    exchange("once");
    Peer peerOfA = a.peer(X25519.publicKey(bPriv));
    assertNotNull(peerOfA.current);
    advance(Protocol.REJECT_AFTER_TIME.multipliedBy(3).plusSeconds(30));
    await("zeroed keys", () -> peerOfA.current == null);
    exchange("fresh session");
  }

  @Test
  @DisplayName("under load the responder demands a cookie, and the retried initiation succeeds")
  void cookieUnderLoad() throws Exception {
    b.setUnderLoad(() -> true);
    byte[] toB = Packets.ipv4("10.0.0.1", "10.0.0.2", payload("loaded"));
    aTun.inject(toB);
    await("a cookie reply", () -> countType(MessageType.COOKIE_REPLY) == 1);
    assertEquals(1, b.stats().dropped(DropReason.COOKIE_REQUIRED));
    advance(Protocol.REKEY_TIMEOUT.plus(Protocol.REKEY_TIMEOUT_JITTER_MAX));
    assertArrayEquals(toB, bTun.take(WAIT));
    assertEquals(1, countType(MessageType.COOKIE_REPLY));
  }

  @Test
  @DisplayName("under load, one source's handshakes beyond its burst are dropped as a flood")
  void rateLimitUnderLoad() throws Exception {
    b.setUnderLoad(() -> true);
    aTun.inject(Packets.ipv4("10.0.0.1", "10.0.0.2", payload("loaded")));
    await("a cookie reply", () -> countType(MessageType.COOKIE_REPLY) == 1);
    advance(Protocol.REKEY_TIMEOUT.plus(Protocol.REKEY_TIMEOUT_JITTER_MAX));
    assertNotNull(bTun.take(WAIT));
    // The retried initiation carries a valid mac2, so only the limiter can stop its replays.
    ChannelBind.Datagram withMac2 =
        wire.stream().filter(d -> d.bytes()[0] == MessageType.INITIATION).reduce((x, y) -> y).get();
    advance(Duration.ofSeconds(1)); // the source's bucket is full again
    for (int i = 0; i < 10; i++) {
      bBind.deliver(withMac2.from(), withMac2.bytes());
    }
    await(
        "ten replays counted",
        () ->
            b.stats().dropped(DropReason.HANDSHAKE_REPLAY)
                    + b.stats().dropped(DropReason.HANDSHAKE_FLOOD)
                == 10);
    // A burst of five per source reaches the handshake (and fails there as replays).
    assertEquals(5, b.stats().dropped(DropReason.HANDSHAKE_REPLAY));
    assertEquals(5, b.stats().dropped(DropReason.HANDSHAKE_FLOOD));
  }

  @Test
  @DisplayName("random datagrams are dropped and counted without stopping the receiver")
  void fuzzReceivePath() throws Exception {
    exchange("before");
    Random rnd = new Random(1234);
    ChannelBind.Address rogue = new ChannelBind.Address(999);
    for (int i = 0; i < 3000; i++) {
      byte[] junk = new byte[rnd.nextInt(200)];
      rnd.nextBytes(junk);
      if (junk.length > 4 && rnd.nextBoolean()) {
        junk[0] = (byte) (1 + rnd.nextInt(4));
        junk[1] = 0;
        junk[2] = 0;
        junk[3] = 0;
      }
      bBind.deliver(rogue, junk);
    }
    await(
        "every datagram to be counted",
        () -> b.stats().dropped().values().stream().mapToLong(Long::longValue).sum() >= 3000);
    exchange("after");
  }

  @Test
  @DisplayName("padding rounds up to 16 without passing the MTU")
  void padding() {
    assertEquals(0, Sender.paddedLength(0, 1420));
    assertEquals(16, Sender.paddedLength(1, 1420));
    assertEquals(1420, Sender.paddedLength(1419, 1420));
    assertEquals(1424, Sender.paddedLength(1424, 1440));
  }
}
