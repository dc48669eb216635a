// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import dev.coderdesktop.tunnel.transport.NetPolicy;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * WireGuard over the DERP relays of several regions, as tailnet peers use them: we stay logged in
 * to our home region, where peers send to us, and send to each peer through <em>its</em> home
 * region (from its node's {@code preferred_derp}), dialling that region's relay when first needed.
 * A relay that is neither home nor used for {@link #IDLE_CLOSE} is closed. Relayed packets from
 * every region come out of {@link #receive}; disco messages go to a separate handler.
 *
 * <p>Thread-safe: one thread receives while others send. Lock order: {@code this} before a {@link
 * DerpClient}'s own locks; listeners are called without {@code this} held.
 */
public final class DerpRelays extends RelayBind {

  private static final Logger LOG = Logger.getLogger(DerpRelays.class.getName());

  /** How long a relay other than home stays open without packets to or from it. */
  public static final Duration IDLE_CLOSE = Duration.ofSeconds(60);

  private static final Duration CLEANUP_EVERY = Duration.ofSeconds(15);

  /** Connection events of each region's relay, on that relay's reader thread. Must not block. */
  public interface RegionListener {
    /** Logged in to region {@code region}'s relay. */
    void onRegionUp(int region);

    /** The connection to region {@code region}'s relay dropped or could not be made. */
    void onRegionDown(int region, String reason);
  }

  /** One open relay connection; {@code lastUsed} is written by every send and receive. */
  private static final class Conn {
    final int region;
    final URI url;
    final DerpClient client;
    volatile long lastUsed;

    Conn(int region, URI url, DerpClient client, long now) {
      this.region = region;
      this.url = url;
      this.client = client;
      this.lastUsed = now;
    }
  }

  private final Key privateKey;
  private final Map<String, String> headers;
  private final boolean websocket;
  private final NetPolicy policy;
  private final Clock clock;
  private final Map<Key, Integer> peerRegions = new ConcurrentHashMap<>();
  private final Map<Integer, Conn> conns = new ConcurrentHashMap<>();
  private final Timer cleanup;
  private volatile BiConsumer<Integer, String> forcedWebsocketHandler = (r, why) -> {};
  private volatile RegionListener regionListener;

  // Guarded by this.
  private RelayRegions regions;
  private volatile int home;

  /**
   * Relays of {@code regions} for {@code privateKey}'s node, logged in to {@code home} at once.
   * {@code websocket} carries DERP in websockets from the start (the deployment forces it).
   */
  public DerpRelays(
      RelayRegions regions,
      int home,
      Key privateKey,
      Map<String, String> headers,
      boolean websocket,
      NetPolicy policy,
      Clock clock) {
    if (regions.url(home) == null) {
      throw new IllegalArgumentException("home region " + home + " is not in the DERP map");
    }
    this.regions = regions;
    this.privateKey = privateKey;
    this.headers = Map.copyOf(headers);
    this.websocket = websocket;
    this.policy = policy;
    this.clock = clock;
    this.cleanup = clock.newTimer("derp-idle", this::closeIdle);
    setHome(home);
    cleanup.mod(CLEANUP_EVERY);
  }

  /**
   * Told (region, reason) when a relay refused the HTTP upgrade and its client uses a websocket.
   */
  public void setForcedWebsocketHandler(BiConsumer<Integer, String> handler) {
    forcedWebsocketHandler = handler;
  }

  /** Sets the one listener for relay connection events. */
  public void setRegionListener(RegionListener listener) {
    regionListener = listener;
  }

  /** Our home region: where we are logged in with NotePreferred and where peers reach us. */
  public int home() {
    return home;
  }

  /** The current regions. */
  public synchronized RelayRegions regions() {
    return regions;
  }

  /** Moves home to {@code region} (dialled now if it is not open); false if the map lacks it. */
  public boolean setHome(int region) {
    DerpClient old;
    DerpClient now;
    synchronized (this) {
      if (isClosed() || regions.url(region) == null) {
        return false;
      }
      Conn before = conns.get(home);
      old = before == null || home == region ? null : before.client;
      home = region;
      now = connLocked(region).client;
    }
    now.notePreferred(true);
    if (old != null) {
      old.notePreferred(false);
    }
    LOG.info(() -> "DERP home region " + region);
    return true;
  }

  /**
   * Applies a new DERP map: relays of regions that left it, or whose URL changed, are closed (home
   * is redialled at its new URL). Returns whether the home region is still in the map.
   */
  public boolean setRegions(RelayRegions next) {
    List<DerpClient> stale = new ArrayList<>();
    boolean homeKept;
    synchronized (this) {
      if (isClosed()) {
        return true;
      }
      regions = next;
      for (Conn c : List.copyOf(conns.values())) {
        if (!c.url.equals(next.url(c.region))) {
          conns.remove(c.region);
          stale.add(c.client);
        }
      }
      homeKept = next.url(home) != null;
      if (homeKept) {
        connLocked(home);
      }
    }
    stale.forEach(DerpClient::close);
    Conn h = conns.get(home);
    if (homeKept && !stale.isEmpty() && h != null) {
      h.client.notePreferred(true);
    }
    return homeKept;
  }

  /** Packets to {@code peer} go through region {@code region} (its home; 0 or unknown: ours). */
  public void setPeerRegion(Key peer, int region) {
    peerRegions.put(peer, region);
  }

  /** Forgets {@code peer}'s region. */
  public void removePeer(Key peer) {
    peerRegions.remove(peer);
  }

  /** Whether we are logged in to region {@code region}'s relay now. */
  public boolean isConnected(int region) {
    Conn c = conns.get(region);
    return c != null && c.client.isConnected();
  }

  /** Measures region {@code region}'s relay with a throwaway key (see {@link DerpProbe}). */
  public CompletableFuture<Duration> probe(int region, Duration budget) {
    URI url;
    synchronized (this) {
      url = regions.url(region);
    }
    if (url == null) {
      return CompletableFuture.failedFuture(new IOException("no region " + region));
    }
    return DerpProbe.measure(url, headers, websocket, policy, clock, budget);
  }

  /** Redials every open relay at once (see {@link DerpClient#reconnect}). */
  public void reconnect(String reason) {
    for (Conn c : conns.values()) {
      c.client.reconnect(reason);
    }
  }

  /** Whether the home relay's client switched to a websocket (configured or forced). */
  public boolean homeUsesWebsocket() {
    Conn c = conns.get(home);
    return c != null ? c.client.usesWebsocket() : websocket;
  }

  /**
   * Relays {@code packet} to {@code peer} through its region; false when that relay cannot take it
   * now (the packet is dropped, as a lossy link would).
   */
  public boolean sendTo(Key peer, byte[] packet, int off, int len) {
    Conn c = connFor(peer);
    if (c == null) {
      return false;
    }
    c.lastUsed = clock.nanoTime();
    return c.client.send(peer, packet, off, len);
  }

  private Conn connFor(Key peer) {
    int region = peerRegions.getOrDefault(peer, 0);
    Conn c = conns.get(region == 0 ? home : region);
    if (c != null) {
      return c;
    }
    synchronized (this) {
      if (isClosed()) {
        return null;
      }
      return connLocked(regions.url(region) != null ? region : home);
    }
  }

  private Conn connLocked(int region) {
    Conn c = conns.get(region);
    if (c == null) {
      URI url = regions.url(region);
      c =
          new Conn(
              region,
              url,
              new DerpClient(
                  url, privateKey, headers, websocket, policy, clock, new Events(region)),
              clock.nanoTime());
      conns.put(region, c);
      c.client.start();
      int r = region;
      LOG.info(() -> "DERP dialling region " + r + " at " + url.getHost());
    }
    return c;
  }

  private void closeIdle() {
    List<DerpClient> idle = new ArrayList<>();
    synchronized (this) {
      if (isClosed()) {
        return;
      }
      long now = clock.nanoTime();
      for (Conn c : List.copyOf(conns.values())) {
        if (c.region != home && now - c.lastUsed > IDLE_CLOSE.toNanos()) {
          conns.remove(c.region);
          idle.add(c.client);
          LOG.info(() -> "DERP closing idle region " + c.region);
        }
      }
      cleanup.mod(CLEANUP_EVERY);
    }
    idle.forEach(DerpClient::close);
  }

  /** One region's client events (a closed client reports no more, so a replaced one is quiet). */
  private final class Events implements DerpListener {
    private final int region;

    Events(int region) {
      this.region = region;
    }

    private Conn current() {
      return conns.get(region);
    }

    @Override
    public void onPacket(Key source, byte[] packet) {
      Conn c = current();
      if (c != null) {
        c.lastUsed = clock.nanoTime();
      }
      deliver(source, packet);
    }

    @Override
    public void onConnected(Key serverKey) {
      RegionListener l = regionListener;
      if (l != null) {
        l.onRegionUp(region);
      }
    }

    @Override
    public void onDisconnected(String reason) {
      RegionListener l = regionListener;
      if (l != null) {
        l.onRegionDown(region, reason);
      }
    }

    @Override
    public void onForcedWebsocket(String reason) {
      forcedWebsocketHandler.accept(region, reason);
    }
  }

  @Override
  void relay(Key peer, byte[] packet, int off, int len) {
    sendTo(peer, packet, off, len);
  }

  @Override
  public void close() {
    List<Conn> all;
    synchronized (this) {
      if (isClosed()) {
        return;
      }
      markClosed();
      all = List.copyOf(conns.values());
      conns.clear();
    }
    cleanup.cancel();
    all.forEach(c -> c.client.close());
    closeQueue();
  }
}
