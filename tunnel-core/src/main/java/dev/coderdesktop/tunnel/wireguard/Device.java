// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import dev.coderdesktop.tunnel.bind.Bind;
import dev.coderdesktop.tunnel.bind.Endpoint;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.linux.UdpBatchSocket;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.tun.TunDevice;
import dev.coderdesktop.tunnel.wireguard.config.Config;
import dev.coderdesktop.tunnel.wireguard.config.IpPrefix;
import dev.coderdesktop.tunnel.wireguard.config.PeerConfig;
import dev.coderdesktop.tunnel.wireguard.cookie.CookieChecker;
import dev.coderdesktop.tunnel.wireguard.message.Layout;
import dev.coderdesktop.tunnel.wireguard.ratelimiter.RateLimiter;
import dev.coderdesktop.tunnel.wireguard.route.AllowedIps;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A userspace WireGuard interface: reads IP packets from a {@link TunDevice}, routes them to peers
 * by allowed IPs, encrypts them and sends them over a {@link Bind}; and the reverse.
 *
 * <pre>
 *   DOWN --start()--> UP --close()--> CLOSED
 *     \_____________close()_________/^
 *   a failed start() falls back to DOWN
 * </pre>
 *
 * <p>Every change goes through {@link #changeState}, logged as "was X, requested Y, now Z". CLOSED
 * is terminal. Thread-safe: configuration and lifecycle methods may be called from any thread.
 */
public final class Device implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Device.class.getName());

  /** Lifecycle states. */
  public enum State {
    DOWN,
    UP,
    CLOSED
  }

  final Clock clock;
  final WireGuardTimings timings;
  final TunDevice tun;
  final Bind bind;
  final int mtu;
  final Key privateKey;
  final Key publicKey;
  final CookieChecker cookieChecker;
  final IndexTable indexes = new IndexTable();
  final AllowedIps<Peer> allowedIps = new AllowedIps<>();
  final Sender sender = new Sender(this);
  final RateLimiter rateLimiter;
  final CryptoPool crypto;

  private final Map<Key, Peer> peers = new ConcurrentHashMap<>();
  private final Map<DropReason, LongAdder> drops = new EnumMap<>(DropReason.class);
  private final List<HandshakeListener> listeners = new CopyOnWriteArrayList<>();
  private final LoadMeter load;
  private volatile BooleanSupplier underLoad;

  // Written under this object's lock (changeState); read without it, so that a timer's expiry
  // asking whether its peer is active never waits for a stop that is closing sockets.
  private volatile State state = State.DOWN;

  // Guarded by this.
  private Thread tunReader;
  private List<Thread> receivers = List.of();

  /** Creates a stopped device for {@code config}; {@link #start()} brings it up. */
  public Device(Config config, TunDevice tun, Bind bind, Clock clock, WireGuardTimings timings) {
    this.clock = clock;
    this.timings = timings;
    this.tun = tun;
    this.bind = bind;
    this.mtu = tun.mtu();
    this.privateKey = config.privateKey();
    this.publicKey = X25519.publicKey(privateKey);
    this.cookieChecker = new CookieChecker(publicKey, clock);
    this.rateLimiter = new RateLimiter(clock);
    for (DropReason r : DropReason.values()) {
      drops.put(r, new LongAdder());
    }
    this.load = new LoadMeter(clock);
    this.crypto = new CryptoPool(CryptoPool.defaultThreads());
    this.underLoad = load::underLoad;
    for (PeerConfig p : config.peers()) {
      addPeer(p);
    }
  }

  /** Our static public key. */
  public Key publicKey() {
    return publicKey;
  }

  /** The current lifecycle state. */
  public State state() {
    return state;
  }

  /**
   * Starts the TUN-reader thread and a receiver thread per source of the bind. Peers with a
   * persistent keepalive and a known endpoint are contacted at once (a handshake then the
   * keepalive), as wireguard-go does, so a peer behind NAT becomes reachable without waiting for
   * outgoing traffic.
   */
  public void start() {
    changeState(State.UP);
    if (state() == State.UP) {
      for (Peer p : peers.values()) {
        kickPersistentKeepalive(p);
      }
    }
  }

  private void kickPersistentKeepalive(Peer p) {
    if (!p.config.persistentKeepalive().isZero() && p.endpoint != null) {
      sender.sendKeepalive(p);
    }
  }

  /** Stops everything and closes the TUN device and the bind. Idempotent. */
  @Override
  public void close() {
    changeState(State.CLOSED);
  }

  private synchronized void changeState(State want) {
    State was = state;
    if (was == State.CLOSED || was == want) {
      LOG.fine(() -> "device: was " + was + ", requested " + want + ", now " + was);
      return;
    }
    if (want == State.UP) {
      try {
        Thread.UncaughtExceptionHandler onDeath =
            (t, e) -> LOG.log(Level.SEVERE, "device thread " + t.getName() + " died", e);
        tunReader =
            Thread.ofPlatform()
                .name("wg-tun-reader")
                .daemon()
                .uncaughtExceptionHandler(onDeath)
                .unstarted(this::tunLoop);
        List<Bind.Source> sources = bind.sources();
        List<Thread> started = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
          Bind.Source source = sources.get(i);
          started.add(
              Thread.ofPlatform()
                  .name(sources.size() == 1 ? "wg-receiver" : "wg-receiver-" + i)
                  .daemon()
                  .uncaughtExceptionHandler(onDeath)
                  .unstarted(() -> receiveLoop(source)));
        }
        receivers = started;
        tunReader.start();
        receivers.forEach(Thread::start);
        state = State.UP;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "device failed to start", e);
        stopLocked();
        state = State.DOWN;
      }
    } else {
      stopLocked();
      state = want;
    }
    State now = state;
    LOG.info(() -> "device: was " + was + ", requested " + want + ", now " + now);
  }

  private void stopLocked() {
    for (Peer p : peers.values()) {
      p.timers.stopAll();
      // Sessions die with the device: nothing may decrypt or send under these keys again.
      p.zeroKeyMaterial(indexes);
    }
    closeQuietly(tun);
    closeQuietly(bind);
    crypto.close();
    if (tunReader != null) {
      tunReader.interrupt();
    }
    receivers.forEach(Thread::interrupt);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "close failed", e);
    }
  }

  /** Adds or replaces a peer (an existing session survives a changed endpoint or allowed IPs). */
  public void addPeer(PeerConfig config) {
    Peer peer =
        peers.computeIfAbsent(
            config.publicKey(), k -> new Peer(this, privateKey, publicKey, config));
    // A new peer (its config is this one) counts as "was off", as in wireguard-go.
    boolean keepaliveWasOff = peer.config.persistentKeepalive().isZero() || peer.config == config;
    peer.config = config;
    synchronized (peer.handshake) {
      peer.handshake.setPresharedKey(config.presharedKey());
    }
    if (config.endpoint() != null) {
      peer.endpoint = config.endpoint();
    }
    allowedIps.removeByOwner(peer);
    for (IpPrefix p : config.allowedIps()) {
      allowedIps.insert(p, peer);
    }
    if (keepaliveWasOff && state() == State.UP) {
      kickPersistentKeepalive(peer);
    }
  }

  /** Whether the device is up and {@code peer} is still its peer for that key. */
  boolean isActive(Peer peer) {
    return state() == State.UP && peers.get(peer.publicKey) == peer;
  }

  /** Removes a peer and forgets its sessions. */
  public void removePeer(Key publicKey) {
    Peer peer = peers.remove(publicKey);
    if (peer != null) {
      peer.timers.stopAll();
      allowedIps.removeByOwner(peer);
      peer.zeroKeyMaterial(indexes);
      indexes.deleteAll(peer);
    }
  }

  /** Starts a handshake with a peer now (as sending a packet to it would). */
  public void initiateHandshake(Key publicKey) {
    Peer peer = peers.get(publicKey);
    if (peer != null) {
      sender.sendInitiation(peer, false);
    }
  }

  /**
   * Starts a handshake at once, even if one went out less than REKEY_TIMEOUT ago, unless a session
   * already exists. For a peer that has just become able to answer, so that a first initiation it
   * dropped need not wait for the five-second retry. Callers space these well apart (responders
   * drop initiations that come faster than one per 20 ms).
   */
  public void initiateHandshakeNow(Key publicKey) {
    Peer peer = peers.get(publicKey);
    if (peer == null || peer.current != null) {
      return;
    }
    synchronized (peer.handshake) {
      peer.lastSentHandshakeNanos = Long.MIN_VALUE / 2;
    }
    sender.sendInitiation(peer, false);
  }

  /** Registers a listener for completed handshakes. */
  public void addHandshakeListener(HandshakeListener l) {
    listeners.add(l);
  }

  /** Overrides the "under load" test, which makes handshakes require a cookie (mac2). */
  public void setUnderLoad(BooleanSupplier underLoad) {
    this.underLoad = underLoad;
  }

  /** A snapshot of the counters. */
  public DeviceStats stats() {
    Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
    drops.forEach((k, v) -> d.put(k, v.sum()));
    List<DeviceStats.PeerStats> ps = new ArrayList<>();
    for (Peer p : peers.values()) {
      ps.add(
          new DeviceStats.PeerStats(
              p.publicKey,
              p.endpoint,
              p.rxBytes.get(),
              p.txBytes.get(),
              p.handshakes.get(),
              p.lastHandshakeNanos,
              p.lastHandshakeWall));
    }
    return new DeviceStats(d, ps);
  }

  Peer peer(Key publicKey) {
    return peers.get(publicKey);
  }

  void drop(DropReason reason) {
    drops.get(reason).increment();
  }

  boolean underLoad() {
    return underLoad.getAsBoolean();
  }

  void fireHandshake(Peer peer) {
    for (HandshakeListener l : listeners) {
      try {
        l.handshakeCompleted(peer.publicKey, peer.lastHandshakeNanos);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "handshake listener failed", e);
      }
    }
  }

  /** Most packets one TUN read hands the engine. */
  static final int BATCH = 128;

  /** Datagrams one receive takes: what one {@code recvmmsg} brings. */
  private static final int RECEIVE_BATCH = UdpBatchSocket.BATCH;

  private void tunLoop() {
    // Room before each packet for the transport header, after it for padding and the tag.
    byte[][] bufs = new byte[BATCH][Layout.TRANSPORT_HEADER_SIZE + mtu + 128];
    int[] sizes = new int[BATCH];
    CryptoBatch batch = new CryptoBatch(BATCH);
    // The body is a method of its own so that the JIT compiles it after a few hundred reads; a
    // loop that never returns is compiled only after tens of thousands of turns, and until then
    // every packet of a quiet tunnel paid for the interpreter.
    while (tunOnce(bufs, sizes, batch)) {
      // next read
    }
  }

  /** One TUN read and its sending; false once the device is closed. */
  private boolean tunOnce(byte[][] bufs, int[] sizes, CryptoBatch batch) {
    int n;
    try {
      n = tun.readBatch(bufs, Layout.TRANSPORT_HEADER_SIZE, sizes);
    } catch (ClosedChannelException e) {
      return false;
    } catch (IOException e) {
      if (state() != State.UP) {
        return false;
      }
      LOG.log(Level.WARNING, "TUN read failed", e);
      return true;
    }
    try {
      sender.sendBatch(bufs, sizes, n, batch);
    } catch (RuntimeException e) {
      // A bug must not stop the reader; the packets are lost, counted and logged.
      drop(DropReason.SEND_FAILED);
      LOG.log(Level.WARNING, "unexpected failure sending TUN packets", e);
    }
    return true;
  }

  /** The peer whose allowed IPs hold the destination of {@code p[off, off+n)}, or null. */
  Peer route(byte[] p, int off, int n) {
    int version = n > 0 ? (p[off] & 0xff) >>> 4 : 0;
    Peer peer;
    if (version == 4 && n >= 20) {
      peer = allowedIps.lookup(p, off + 16, 4);
    } else if (version == 6 && n >= 40) {
      peer = allowedIps.lookup(p, off + 24, 16);
    } else {
      return null;
    }
    if (peer == null) {
      drop(DropReason.NO_ROUTE);
    }
    return peer;
  }

  /** Drains one of the bind's sources until the device closes: wireguard-go's receive routine. */
  private void receiveLoop(Bind.Source source) {
    Receiver r = new Receiver(this);
    // The first buffer takes anything a transport can deliver, the rest what UDP batches carry (a
    // source may swap them around; a datagram that does not fit the buffer it lands in is dropped).
    byte[][] bufs = new byte[RECEIVE_BATCH][];
    bufs[0] = new byte[65536];
    for (int i = 1; i < RECEIVE_BATCH; i++) {
      bufs[i] = new byte[UdpBatchSocket.RECEIVE_SLOT];
    }
    int[] sizes = new int[RECEIVE_BATCH];
    Endpoint[] from = new Endpoint[RECEIVE_BATCH];
    // A method per turn, for the JIT, as in tunLoop.
    while (receiveOnce(source, r, bufs, sizes, from)) {
      // next receive
    }
  }

  /** One receive and its handling; false once the device is closed. */
  private boolean receiveOnce(
      Bind.Source source, Receiver r, byte[][] bufs, int[] sizes, Endpoint[] from) {
    int n;
    try {
      n = source.receive(bufs, sizes, from);
    } catch (ClosedChannelException e) {
      return false;
    } catch (IOException e) {
      if (state() != State.UP) {
        return false;
      }
      LOG.log(Level.WARNING, "receive failed", e);
      return true;
    }
    for (int i = 0; i < n; i++) {
      if (Layout.isHandshake(bufs[i], sizes[i])) {
        load.handshakeSeen();
      }
    }
    r.handleBatch(bufs, sizes, from, n);
    return true;
  }

  /**
   * Decides "under load" as a rate of handshake messages: more than a threshold per second marks
   * the device loaded for the next second.
   */
  private static final class LoadMeter {
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private static final long THRESHOLD = 256;
    private final Clock clock;
    private final AtomicLong windowStart = new AtomicLong();
    private final AtomicLong count = new AtomicLong();
    private volatile long loadedUntil = Long.MIN_VALUE;

    LoadMeter(Clock clock) {
      this.clock = clock;
      windowStart.set(clock.nanoTime());
    }

    void handshakeSeen() {
      long now = clock.nanoTime();
      if (now - windowStart.get() > WINDOW_NANOS) {
        windowStart.set(now);
        count.set(0);
      }
      if (count.incrementAndGet() > THRESHOLD) {
        loadedUntil = now + WINDOW_NANOS;
      }
    }

    boolean underLoad() {
      return clock.nanoTime() < loadedUntil;
    }
  }
}
