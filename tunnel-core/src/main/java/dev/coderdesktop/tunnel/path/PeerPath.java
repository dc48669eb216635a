// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.time.Timer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The path state of one peer. {@link DirectPaths} drives it; every state change goes through {@link
 * #changeState}:
 *
 * <pre>
 *             probe: new candidates, a CallMeMaybe, a ping from the peer,
 *             or traffic with 5 s since the last probe
 *   RELAYED ─────────────────────────────────────────────► PROBING
 *     ▲  ▲             every ping timed out                   │
 *     │  └────────────────────────────────────────────────────┤
 *     │                                                       │ a pong over UDP
 *     │  no pong from the chosen address for 4.5 s            ▼
 *     └───────────────────────────────────────────────────  DIRECT ◄──┐ pongs renew the trust;
 *         (then probing resumes while traffic flows)               └──┘ a 10% faster address wins
 *
 *   RELAYED ──a late pong──► DIRECT        any ──peer removed / closed──► CLOSED (terminal)
 * </pre>
 *
 * While DIRECT and carrying traffic (a WireGuard send in the last 45 s) the chosen address is
 * pinged every 2 s (the heartbeat) and every candidate once a minute, looking for a faster one.
 *
 * <p>Not thread-safe by itself: fields without {@code volatile} are guarded by the owning {@link
 * DirectPaths}' lock; the volatile ones are read without it on WireGuard's hot path.
 */
final class PeerPath {

  private static final Logger LOG = Logger.getLogger(PeerPath.class.getName());

  /** The chosen direct address and until when it is trusted, read together on the hot path. */
  record Chosen(InetSocketAddress address, long trustedUntilNanos) {}

  final Key nodeKey;
  final Timer timer;

  // Read without the lock.
  volatile Chosen chosen;
  volatile long lastSendNanos;
  volatile boolean idle = true;

  // Guarded by the DirectPaths lock.
  PathState state = PathState.RELAYED;
  Set<InetSocketAddress> nodeEndpoints = new LinkedHashSet<>();
  final Set<InetSocketAddress> learned = new LinkedHashSet<>();
  final Map<InetSocketAddress, Long> lastPinged = new HashMap<>();
  Duration latency;
  long latencyAtNanos;
  long lastProbeNanos;
  long lastUpgradeNanos;
  long lastHeartbeatNanos;
  int outstanding;

  PeerPath(Key nodeKey, Timer timer, long nowNanos) {
    this.nodeKey = nodeKey;
    this.timer = timer;
    long longAgo = nowNanos - Duration.ofDays(1).toNanos();
    this.lastSendNanos = longAgo;
    this.lastProbeNanos = longAgo;
    this.lastUpgradeNanos = longAgo;
    this.lastHeartbeatNanos = longAgo;
  }

  /** Every candidate: the node's endpoints, then those learned from CallMeMaybe and pings. */
  Set<InetSocketAddress> candidates() {
    Set<InetSocketAddress> all = new LinkedHashSet<>(nodeEndpoints);
    all.addAll(learned);
    return all;
  }

  /**
   * The one transition method: moves to {@code want} when the diagram allows it and logs "was X,
   * requested Y, now Z". Returns whether the state changed.
   */
  boolean changeState(PathState want, String why) {
    PathState was = state;
    boolean allowed =
        switch (was) {
          case RELAYED -> want == PathState.PROBING || want == PathState.DIRECT;
          case PROBING -> want == PathState.RELAYED || want == PathState.DIRECT;
          case DIRECT -> want == PathState.RELAYED;
          case CLOSED -> false;
        };
    if (want == PathState.CLOSED && was != PathState.CLOSED) {
      allowed = true;
    }
    if (allowed) {
      state = want;
      if (want != PathState.DIRECT) {
        chosen = null;
      }
    }
    PathState now = state;
    LOG.info(
        () ->
            "path to "
                + nodeKey.toBase64().substring(0, 8)
                + ": was "
                + was
                + ", requested "
                + want
                + ", now "
                + now
                + " ("
                + why
                + ")");
    return allowed;
  }
}
