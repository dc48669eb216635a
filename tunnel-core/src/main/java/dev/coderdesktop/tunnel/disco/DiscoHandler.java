// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.disco;

import dev.coderdesktop.tunnel.crypto.InvalidSharedSecretException;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.NaclBox;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Our node's disco endpoint, over the DERP relay and (once {@link #setDirect} is called) over UDP.
 * It knows the peers' disco keys (from their coordinator nodes), answers their Pings with Pongs on
 * the path the Ping came by (a Pong over UDP carries the source address we saw), and sends Pings of
 * its own to measure round-trip times and to confirm direct paths. Relayed packets from sources
 * that are not known peers, or whose sender disco key is not that peer's, are dropped without
 * opening the box; UDP packets are matched to a peer by their sender disco key alone; boxes that do
 * not authenticate or parse are dropped. A CallMeMaybe counts only when relayed, and goes to the
 * {@link DirectEvents}, as does every Ping that arrived over UDP.
 *
 * <p>Thread-safe. Packets arrive on the relay's reader thread and, over UDP, on WireGuard's receive
 * thread for the socket; pings may be sent from any thread; results complete on those threads or
 * the clock's thread.
 */
public final class DiscoHandler implements AutoCloseable {

  /** How long a ping waits for its pong (as magicsock does). */
  public static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(DiscoHandler.class.getName());

  /** Sends a disco packet to a peer's node key through the relay; false if it could not. */
  @FunctionalInterface
  public interface Transport {
    /** Sends {@code packet} to {@code nodeKey}. */
    boolean send(Key nodeKey, byte[] packet);
  }

  /** Sends a disco packet straight to a UDP address; false if it could not. */
  @FunctionalInterface
  public interface DirectTransport {
    /** Sends {@code packet} to {@code to}. */
    boolean send(InetSocketAddress to, byte[] packet);
  }

  /**
   * What the direct-path layer needs to hear of. Called on the receiving thread; must not block.
   */
  public interface DirectEvents {
    /** The peer pinged us over UDP from {@code from} (already answered). */
    void onDirectPing(Key nodeKey, InetSocketAddress from);

    /** The peer asked us, through the relay, to ping these endpoints of its. */
    void onCallMeMaybe(Key nodeKey, List<InetSocketAddress> endpoints);
  }

  /**
   * The outcome of one ping.
   *
   * @param latency the round-trip time
   * @param direct whether the ping went to a UDP address rather than through the relay
   * @param derpRegion the region the ping travelled through, from the pong; 0 when direct
   */
  public record PingResult(Duration latency, boolean direct, int derpRegion) {}

  private record Peer(Key discoKey, byte[] sharedKey) {}

  private record Pending(
      Key nodeKey,
      Key discoKey,
      InetSocketAddress to,
      long sentNanos,
      CompletableFuture<PingResult> result,
      Timer timer) {}

  private final Key discoPrivate;
  private final Key discoPublic;
  private final Key nodePublic;
  private volatile int homeRegion;
  private final Transport transport;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong pingsAnswered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  // Guarded by this.
  private final Map<Key, Peer> peers = new HashMap<>();
  private final Map<Key, Key> nodeByDisco = new HashMap<>();
  private final Map<TxId, Pending> pending = new HashMap<>();
  private boolean closed;

  // Set once, before UDP packets flow.
  private volatile DirectTransport direct = (to, packet) -> false;
  private volatile DirectEvents events =
      new DirectEvents() {
        @Override
        public void onDirectPing(Key nodeKey, InetSocketAddress from) {}

        @Override
        public void onCallMeMaybe(Key nodeKey, List<InetSocketAddress> endpoints) {}
      };

  /**
   * A disco endpoint with our disco private key and node key, reached through relay region {@code
   * homeRegion}, sending with {@code transport}.
   */
  public DiscoHandler(
      Key discoPrivate, Key nodePublic, int homeRegion, Transport transport, Clock clock) {
    this.discoPrivate = discoPrivate;
    this.discoPublic = X25519.publicKey(discoPrivate);
    this.nodePublic = nodePublic;
    this.homeRegion = homeRegion;
    this.transport = transport;
    this.clock = clock;
  }

  /** Enables disco over UDP: packets go out through {@code transport}, news to {@code events}. */
  public void setDirect(DirectTransport transport, DirectEvents events) {
    this.direct = transport;
    this.events = events;
  }

  /** Our disco public key, as advertised in our node. */
  public Key discoPublic() {
    return discoPublic;
  }

  /** Learns (or updates) the disco key of the peer with node key {@code nodeKey}. */
  public void setPeer(Key nodeKey, Key discoKey) {
    synchronized (this) {
      Peer p = peers.get(nodeKey);
      if (p != null && p.discoKey().equals(discoKey)) {
        return;
      }
    }
    byte[] shared;
    try {
      shared = NaclBox.sharedKey(discoPrivate, discoKey);
    } catch (InvalidSharedSecretException e) {
      LOG.warning("ignoring a peer's disco key: it is a low-order point");
      return;
    }
    synchronized (this) {
      Peer old = peers.put(nodeKey, new Peer(discoKey, shared));
      if (old != null) {
        nodeByDisco.remove(old.discoKey(), nodeKey);
      }
      nodeByDisco.put(discoKey, nodeKey);
    }
  }

  /** Forgets a peer; its pings in flight fail. */
  public void removePeer(Key nodeKey) {
    List<Pending> failed = new ArrayList<>();
    synchronized (this) {
      Peer old = peers.remove(nodeKey);
      if (old != null) {
        nodeByDisco.remove(old.discoKey(), nodeKey);
      }
      pending.values().removeIf(p -> p.nodeKey().equals(nodeKey) && failed.add(p));
    }
    for (Pending p : failed) {
      p.timer().cancel();
      p.result().completeExceptionally(new IOException("peer removed"));
    }
  }

  /** Whether the peer's disco key is known. */
  public synchronized boolean knows(Key nodeKey) {
    return peers.containsKey(nodeKey);
  }

  /** Pings answered so far. */
  public long pingsAnswered() {
    return pingsAnswered.get();
  }

  /** Disco packets dropped: unknown source, wrong key, bad box or unparseable message. */
  public long droppedPackets() {
    return dropped.get();
  }

  /**
   * Pings the peer through the relay. Completes with the round trip, or exceptionally when the
   * peer's disco key is unknown, the relay refuses the packet, or no pong comes within {@link
   * #PING_TIMEOUT}.
   */
  public CompletableFuture<PingResult> ping(Key nodeKey) {
    return ping(nodeKey, null);
  }

  /**
   * Pings the peer at UDP address {@code to}, or through the relay when {@code to} is null. A
   * direct result's latency is that path's round trip.
   */
  public CompletableFuture<PingResult> ping(Key nodeKey, InetSocketAddress to) {
    CompletableFuture<PingResult> result = new CompletableFuture<>();
    TxId tx = TxId.random();
    Peer peer;
    synchronized (this) {
      peer = peers.get(nodeKey);
      if (closed || peer == null) {
        result.completeExceptionally(
            new IOException(closed ? "closed" : "the peer's disco key is unknown"));
        return result;
      }
      Timer timer = clock.newTimer("disco-ping-timeout", () -> expire(tx));
      pending.put(tx, new Pending(nodeKey, peer.discoKey(), to, clock.nanoTime(), result, timer));
      timer.mod(PING_TIMEOUT);
    }
    byte[] packet = seal(peer, new DiscoMessage.Ping(tx, nodePublic));
    boolean sent = to == null ? transport.send(nodeKey, packet) : direct.send(to, packet);
    if (!sent) {
      Pending p;
      synchronized (this) {
        p = pending.remove(tx);
      }
      if (p != null) {
        p.timer().cancel();
        result.completeExceptionally(
            new IOException(to == null ? "the relay is not connected" : "cannot send to " + to));
      }
    }
    return result;
  }

  private void expire(TxId tx) {
    Pending p;
    synchronized (this) {
      p = pending.remove(tx);
    }
    if (p != null) {
      p.result().completeExceptionally(new TimeoutException("no pong within " + PING_TIMEOUT));
    }
  }

  /** Our home region moved: pongs to pings over DERP name the new one. */
  public void setHomeRegion(int region) {
    homeRegion = region;
  }

  /** Handles a disco packet relayed from {@code source} (a node key). */
  public void onDerpPacket(Key source, byte[] packet) {
    Peer peer;
    synchronized (this) {
      peer = peers.get(source);
    }
    DiscoMessage m = openFrom(peer, packet);
    if (m == null) {
      return;
    }
    switch (m) {
      case DiscoMessage.Ping ping -> {
        // A ping over DERP reports the relay's magic address with our region as its source.
        DiscoMessage.Pong pong =
            new DiscoMessage.Pong(
                ping.txId(), new InetSocketAddress(DiscoPacket.DERP_MAGIC_ADDRESS, homeRegion));
        if (transport.send(source, seal(peer, pong))) {
          pingsAnswered.incrementAndGet();
        }
      }
      case DiscoMessage.Pong pong -> onPong(peer, pong);
      case DiscoMessage.CallMeMaybe cmm -> events.onCallMeMaybe(source, cmm.endpoints());
    }
  }

  /** Handles a disco packet that arrived over UDP from {@code from}. */
  public void onUdpPacket(InetSocketAddress from, byte[] packet) {
    Peer peer;
    Key nodeKey;
    try {
      Key sender = DiscoPacket.sender(packet);
      synchronized (this) {
        nodeKey = nodeByDisco.get(sender);
        peer = nodeKey == null ? null : peers.get(nodeKey);
      }
    } catch (DiscoFormatException e) {
      dropped.incrementAndGet();
      return;
    }
    DiscoMessage m = openFrom(peer, packet);
    if (m == null) {
      return;
    }
    switch (m) {
      case DiscoMessage.Ping ping -> {
        if (direct.send(from, seal(peer, new DiscoMessage.Pong(ping.txId(), from)))) {
          pingsAnswered.incrementAndGet();
        }
        events.onDirectPing(nodeKey, from);
      }
      case DiscoMessage.Pong pong -> onPong(peer, pong);
      case DiscoMessage.CallMeMaybe ignored -> dropped.incrementAndGet(); // only valid relayed
    }
  }

  /**
   * Opens a packet from {@code peer} (null: an unknown sender), or counts it dropped and returns
   * null when the peer is unknown, its sender key is not the peer's, or the box does not open.
   */
  private DiscoMessage openFrom(Peer peer, byte[] packet) {
    try {
      if (peer == null || !peer.discoKey().equals(DiscoPacket.sender(packet))) {
        dropped.incrementAndGet();
        return null;
      }
      return DiscoPacket.open(peer.sharedKey(), packet);
    } catch (DiscoFormatException e) {
      dropped.incrementAndGet();
      return null;
    }
  }

  /** Sends the peer a CallMeMaybe with our endpoints through the relay; false if it could not. */
  public boolean sendCallMeMaybe(Key nodeKey, List<InetSocketAddress> endpoints) {
    Peer peer;
    synchronized (this) {
      peer = peers.get(nodeKey);
    }
    return peer != null
        && transport.send(nodeKey, seal(peer, new DiscoMessage.CallMeMaybe(endpoints)));
  }

  private void onPong(Peer from, DiscoMessage.Pong pong) {
    Pending p;
    synchronized (this) {
      p = pending.get(pong.txId());
      if (p == null || !p.discoKey().equals(from.discoKey())) {
        dropped.incrementAndGet();
        return;
      }
      pending.remove(pong.txId());
    }
    p.timer().cancel();
    boolean derp = p.to() == null;
    int region = derp && pong.viaDerp() ? pong.source().getPort() : 0;
    p.result().complete(new PingResult(clock.since(p.sentNanos()), !derp, region));
  }

  private byte[] seal(Peer peer, DiscoMessage m) {
    byte[] nonce = new byte[NaclBox.NONCE_LENGTH];
    random.nextBytes(nonce);
    return DiscoPacket.seal(discoPublic, peer.sharedKey(), nonce, m);
  }

  /** Fails every ping in flight; later pings fail at once. */
  @Override
  public void close() {
    List<Pending> failed;
    synchronized (this) {
      closed = true;
      failed = new ArrayList<>(pending.values());
      pending.clear();
    }
    for (Pending p : failed) {
      p.timer().cancel();
      p.result().completeExceptionally(new IOException("closed"));
    }
  }
}
