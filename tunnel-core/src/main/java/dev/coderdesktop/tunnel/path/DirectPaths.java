// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.disco.DiscoHandler;
import dev.coderdesktop.tunnel.time.Clock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Finds, keeps and drops the direct path of every peer (the state machine of each is drawn in
 * {@link PeerPath}). It pings a peer's candidate endpoints with disco over UDP, sends the peer a
 * CallMeMaybe with our own endpoints through the relay so that it pings us at the same time (which
 * opens NAT mappings on both sides), takes the first address that answers, switches to another that
 * answers 10% faster, keeps the chosen one alive while traffic flows and stops trusting it 4.5 s
 * after its last pong, after which packets go through DERP again until a probe succeeds.
 *
 * <p>Wiring (the client engine and a test agent alike): give the {@link DiscoHandler} this object
 * as its {@link DiscoHandler.DirectEvents} and a UDP transport, call {@link #setPeer} with each
 * peer's advertised endpoints, and send WireGuard through a {@link PathBind} over the same {@link
 * Datagrams}.
 *
 * <p>Thread-safe: one lock guards every peer's state; the hot-path reads ({@link #directAddress},
 * {@link #noteSend}, {@link #peerAt}) take none. Pings are sent outside the lock.
 */
public final class DirectPaths implements DiscoHandler.DirectEvents, AutoCloseable {

  /** How often the chosen address is pinged while traffic flows. */
  static final Duration HEARTBEAT = Duration.ofSeconds(2);

  /** How long after its last pong the chosen address is still used. */
  static final Duration TRUST = Duration.ofMillis(4500);

  /** The shortest wait between probes of a peer that is not direct (while traffic flows). */
  static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);

  /** How often a direct peer's other candidates are tried for a faster path. */
  static final Duration UPGRADE_INTERVAL = Duration.ofMinutes(1);

  /** A peer counts as active this long after our last WireGuard packet to it. */
  static final Duration SESSION_ACTIVE = Duration.ofSeconds(45);

  /** A faster address replaces the chosen one only when it gains at least this much (and 10%). */
  static final Duration SWITCH_MIN_GAIN = Duration.ofMillis(1);

  /** The same address is not pinged twice within this (the heartbeat aside). */
  static final Duration REPING_MIN = Duration.ofSeconds(1);

  /** Told that a peer's path changed (state or address); on any thread; must not block. */
  @FunctionalInterface
  public interface Listener {
    /** The path of {@code nodeKey} changed. */
    void onPathChange(Key nodeKey, PathStatus status);
  }

  private static final Logger LOG = Logger.getLogger(DirectPaths.class.getName());

  private record Ping(PeerPath peer, InetSocketAddress to) {}

  private record Work(List<Ping> pings, List<Key> callMeMaybe, List<PeerPath> changed) {
    Work() {
      this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }
  }

  private final DiscoHandler disco;
  private final Clock clock;
  private final Supplier<List<InetSocketAddress>> ourEndpoints;
  private final Predicate<InetSocketAddress> canSend;
  private final Listener listener;
  private final Map<Key, PeerPath> peers = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, Key> byAddress = new ConcurrentHashMap<>();

  // Guarded by this.
  private boolean closed;

  /**
   * @param ourEndpoints our current candidate endpoints, sent in CallMeMaybe
   * @param canSend whether an address is of a family we have a socket for
   * @param listener told of path changes
   */
  public DirectPaths(
      DiscoHandler disco,
      Clock clock,
      Supplier<List<InetSocketAddress>> ourEndpoints,
      Predicate<InetSocketAddress> canSend,
      Listener listener) {
    this.disco = disco;
    this.clock = clock;
    this.ourEndpoints = ourEndpoints;
    this.canSend = canSend;
    this.listener = listener;
  }

  /**
   * Adds a peer or updates its advertised endpoints ("ip:port" values of its node); new ones are
   * probed at once.
   */
  public void setPeer(Key nodeKey, List<InetSocketAddress> endpoints) {
    Work w = new Work();
    synchronized (this) {
      if (closed) {
        return;
      }
      PeerPath p =
          peers.computeIfAbsent(
              nodeKey,
              k -> new PeerPath(k, clock.newTimer("path", () -> tick(k)), clock.nanoTime()));
      Set<InetSocketAddress> usable = usable(endpoints);
      if (!usable.equals(p.nodeEndpoints)) {
        p.nodeEndpoints = usable;
        probeLocked(p, w, true);
      }
    }
    run(w);
  }

  /** Probes the peer's candidates now (not within {@link #REPING_MIN} of the last ping). */
  public void probeNow(Key nodeKey) {
    Work w = new Work();
    synchronized (this) {
      PeerPath p = peers.get(nodeKey);
      if (p == null || p.state == PathState.CLOSED || p.state == PathState.DIRECT) {
        return;
      }
      probeLocked(p, w, true);
    }
    run(w);
  }

  /** Probes every peer now, direct ones too (after a network change their path may be gone). */
  public void probeAll() {
    Work w = new Work();
    synchronized (this) {
      for (PeerPath p : peers.values()) {
        if (p.state != PathState.CLOSED) {
          probeLocked(p, w, true);
        }
      }
    }
    run(w);
  }

  /** Forgets a peer. */
  public void removePeer(Key nodeKey) {
    PeerPath p;
    synchronized (this) {
      p = peers.remove(nodeKey);
      if (p == null) {
        return;
      }
      p.changeState(PathState.CLOSED, "peer removed");
      byAddress.values().removeIf(nodeKey::equals);
    }
    p.timer.cancel();
  }

  /** The peer's trusted direct address, or null to use DERP. Lock-free. */
  public InetSocketAddress directAddress(Key nodeKey) {
    PeerPath p = peers.get(nodeKey);
    PeerPath.Chosen c = p == null ? null : p.chosen;
    return c != null && clock.nanoTime() - c.trustedUntilNanos() < 0 ? c.address() : null;
  }

  /** Notes a WireGuard packet to the peer (traffic keeps heartbeats and probes going). */
  public void noteSend(Key nodeKey) {
    PeerPath p = peers.get(nodeKey);
    if (p == null) {
      return;
    }
    p.lastSendNanos = clock.nanoTime();
    if (p.idle) {
      p.idle = false;
      p.timer.mod(Duration.ZERO);
    }
  }

  /** The peer whose disco answered at (or pinged us from) {@code from}, or null. Lock-free. */
  public Key peerAt(InetSocketAddress from) {
    return byAddress.get(from);
  }

  /** The peer's path now. */
  public synchronized PathStatus status(Key nodeKey) {
    PeerPath p = peers.get(nodeKey);
    if (p == null || p.state != PathState.DIRECT || p.chosen == null) {
      return p == null ? PathStatus.RELAYED : new PathStatus(p.state, null, null, 0);
    }
    return new PathStatus(PathState.DIRECT, p.chosen.address(), p.latency, p.latencyAtNanos);
  }

  @Override
  public void onDirectPing(Key nodeKey, InetSocketAddress from) {
    Work w = new Work();
    synchronized (this) {
      PeerPath p = peers.get(nodeKey);
      if (p == null || p.state == PathState.CLOSED) {
        return;
      }
      byAddress.put(from, nodeKey);
      p.learned.add(from);
      PeerPath.Chosen c = p.chosen;
      if (c == null || !c.address().equals(from)) {
        pingLocked(p, from, w, clock.nanoTime());
        if (p.state == PathState.RELAYED && !w.pings().isEmpty()) {
          p.changeState(PathState.PROBING, "the peer pinged us from " + Endpoints.format(from));
        }
      }
    }
    run(w);
  }

  @Override
  public void onCallMeMaybe(Key nodeKey, List<InetSocketAddress> endpoints) {
    Work w = new Work();
    synchronized (this) {
      PeerPath p = peers.get(nodeKey);
      if (p == null || p.state == PathState.CLOSED) {
        return;
      }
      p.learned.addAll(usable(endpoints));
      probeLocked(p, w, false);
    }
    run(w);
  }

  private void tick(Key nodeKey) {
    Work w = new Work();
    synchronized (this) {
      PeerPath p = peers.get(nodeKey);
      if (p == null || p.state == PathState.CLOSED) {
        return;
      }
      long now = clock.nanoTime();
      PeerPath.Chosen c = p.chosen;
      if (p.state == PathState.DIRECT && c != null && now - c.trustedUntilNanos() >= 0) {
        p.changeState(
            PathState.RELAYED,
            "no pong from " + Endpoints.format(c.address()) + " for " + TRUST.toMillis() + " ms");
        w.changed().add(p);
      }
      boolean active = now - p.lastSendNanos < SESSION_ACTIVE.toNanos();
      if (active && p.state == PathState.DIRECT) {
        if (now - p.lastHeartbeatNanos >= HEARTBEAT.toNanos()) {
          p.lastHeartbeatNanos = now;
          p.outstanding++;
          w.pings().add(new Ping(p, p.chosen.address()));
        }
        if (now - p.lastUpgradeNanos >= UPGRADE_INTERVAL.toNanos()) {
          probeLocked(p, w, false);
        }
      } else if (active && now - p.lastProbeNanos >= PROBE_INTERVAL.toNanos()) {
        probeLocked(p, w, true);
      }
      scheduleLocked(p, now, active);
    }
    run(w);
  }

  private void scheduleLocked(PeerPath p, long now, boolean active) {
    long next = Long.MAX_VALUE;
    if (p.state == PathState.DIRECT && p.chosen != null) {
      next = p.chosen.trustedUntilNanos() - now;
      if (active) {
        next = Math.min(next, p.lastHeartbeatNanos + HEARTBEAT.toNanos() - now);
      }
    } else if (active && !p.candidates().isEmpty()) {
      next = p.lastProbeNanos + PROBE_INTERVAL.toNanos() - now;
    }
    if (next == Long.MAX_VALUE) {
      p.idle = true;
      p.timer.cancel();
    } else {
      p.idle = false;
      p.timer.mod(Duration.ofNanos(Math.max(0, next)));
    }
  }

  /** Pings every candidate not pinged just now; with {@code callMeMaybe} asks the peer to, too. */
  private void probeLocked(PeerPath p, Work w, boolean callMeMaybe) {
    long now = clock.nanoTime();
    int before = w.pings().size();
    for (InetSocketAddress c : p.candidates()) {
      pingLocked(p, c, w, now);
    }
    p.lastProbeNanos = now;
    p.lastUpgradeNanos = now;
    if (w.pings().size() > before && p.state == PathState.RELAYED) {
      p.changeState(
          PathState.PROBING, "pinging " + p.candidates().stream().map(Endpoints::format).toList());
    }
    if (callMeMaybe && p.state != PathState.DIRECT) {
      w.callMeMaybe().add(p.nodeKey);
    }
    scheduleLocked(p, now, now - p.lastSendNanos < SESSION_ACTIVE.toNanos());
  }

  private void pingLocked(PeerPath p, InetSocketAddress to, Work w, long now) {
    Long last = p.lastPinged.get(to);
    if (last != null && now - last < REPING_MIN.toNanos()) {
      return;
    }
    p.lastPinged.put(to, now);
    p.outstanding++;
    w.pings().add(new Ping(p, to));
  }

  /** Sends what the locked part decided, outside the lock. */
  private void run(Work w) {
    for (Ping ping : w.pings()) {
      disco
          .ping(ping.peer().nodeKey, ping.to())
          .whenComplete(
              (r, err) -> onPingResult(ping.peer(), ping.to(), err == null ? r.latency() : null));
    }
    List<InetSocketAddress> ours = w.callMeMaybe().isEmpty() ? List.of() : ourEndpoints.get();
    if (!ours.isEmpty()) {
      for (Key k : w.callMeMaybe()) {
        disco.sendCallMeMaybe(k, ours);
      }
    }
    for (PeerPath p : w.changed()) {
      listener.onPathChange(p.nodeKey, status(p.nodeKey));
    }
  }

  private void onPingResult(PeerPath p, InetSocketAddress to, Duration latency) {
    Work w = new Work();
    synchronized (this) {
      if (p.state == PathState.CLOSED) {
        return;
      }
      p.outstanding = Math.max(0, p.outstanding - 1);
      long now = clock.nanoTime();
      if (latency != null) {
        byAddress.put(to, p.nodeKey);
        onPongLocked(p, to, latency, now, w);
      } else if (p.state == PathState.PROBING && p.outstanding == 0) {
        p.changeState(PathState.RELAYED, "no candidate answered");
        w.changed().add(p);
      }
      scheduleLocked(p, now, now - p.lastSendNanos < SESSION_ACTIVE.toNanos());
    }
    run(w);
  }

  private void onPongLocked(
      PeerPath p, InetSocketAddress from, Duration latency, long now, Work w) {
    long trustedUntil = now + TRUST.toNanos();
    PeerPath.Chosen c = p.chosen;
    if (p.state != PathState.DIRECT) {
      p.chosen = new PeerPath.Chosen(from, trustedUntil);
      p.latency = latency;
      p.latencyAtNanos = now;
      p.changeState(
          PathState.DIRECT,
          "pong from " + Endpoints.format(from) + " in " + latency.toMillis() + " ms");
      w.changed().add(p);
    } else if (c != null && c.address().equals(from)) {
      p.chosen = new PeerPath.Chosen(from, trustedUntil);
      p.latency = latency;
      p.latencyAtNanos = now;
    } else if (latency.toNanos() * 10 < p.latency.toNanos() * 9
        && p.latency.minus(latency).compareTo(SWITCH_MIN_GAIN) >= 0) {
      LOG.info(
          () ->
              "path to "
                  + p.nodeKey.toBase64().substring(0, 8)
                  + ": "
                  + Endpoints.format(from)
                  + " answers faster than "
                  + Endpoints.format(c.address()));
      p.chosen = new PeerPath.Chosen(from, trustedUntil);
      p.latency = latency;
      p.latencyAtNanos = now;
      w.changed().add(p);
    }
  }

  private Set<InetSocketAddress> usable(List<InetSocketAddress> endpoints) {
    Set<InetSocketAddress> out = new LinkedHashSet<>();
    for (InetSocketAddress e : endpoints) {
      if (!e.isUnresolved() && e.getPort() != 0 && canSend.test(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /** Forgets every peer. */
  @Override
  public void close() {
    List<PeerPath> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(peers.values());
      peers.clear();
      byAddress.clear();
      for (PeerPath p : all) {
        p.changeState(PathState.CLOSED, "closed");
      }
    }
    for (PeerPath p : all) {
      p.timer.cancel();
    }
  }
}
