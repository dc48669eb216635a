// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * The five per-peer timers of the whitepaper (section 6) and the events that arm them, after
 * wireguard-go's {@code timers.go}. All time comes from the device's injected clock.
 *
 * <p>Thread-safe: event methods may be called from the send, receive and timer threads.
 */
final class PeerTimers {

  private static final Logger LOG = Logger.getLogger(PeerTimers.class.getName());

  private final Device device;
  private final Peer peer;
  // Lazy: the data path re-arms or disarms some of these for every packet (see LazyTimer).
  private final LazyTimer retransmitHandshake;
  private final LazyTimer sendKeepalive;
  private final LazyTimer newHandshake;
  private final LazyTimer zeroKeyMaterial;
  private final LazyTimer persistentKeepalive;

  // Guarded by this.
  private int handshakeAttempts;
  private boolean needAnotherKeepalive;
  private boolean sentLastMinuteHandshake;

  PeerTimers(Device device, Peer peer) {
    this.device = device;
    this.peer = peer;
    var clock = device.clock;
    retransmitHandshake =
        new LazyTimer(clock, "retransmit-handshake", whenActive(this::onRetransmitHandshake));
    sendKeepalive = new LazyTimer(clock, "send-keepalive", whenActive(this::onSendKeepalive));
    newHandshake = new LazyTimer(clock, "new-handshake", whenActive(this::onNewHandshake));
    // Not gated: it sends nothing, and a session made by a packet in flight as the peer went
    // away must still be zeroed when it expires.
    zeroKeyMaterial = new LazyTimer(clock, "zero-key-material", this::onZeroKeyMaterial);
    persistentKeepalive =
        new LazyTimer(clock, "persistent-keepalive", whenActive(this::onPersistentKeepalive));
  }

  /**
   * {@code action}, run only while the device is up and this peer is still one of its peers (as
   * wireguard-go's timers check): a packet in flight as the device stops or the peer is removed may
   * re-arm a timer after {@link #stopAll}, and its expiry must then not send a handshake or a
   * keepalive for a peer that is gone. (An expiry that passed this check just before the removal
   * may still send one; later ones are quiet.)
   */
  private Runnable whenActive(Runnable action) {
    return () -> {
      if (device.isActive(peer)) {
        action.run();
      }
    };
  }

  private WireGuardTimings t() {
    return device.timings;
  }

  private static Duration jitter() {
    return Duration.ofNanos(jitterNanos());
  }

  /** Up to {@link Protocol#REKEY_TIMEOUT_JITTER_MAX}, in whole milliseconds, as nanoseconds. */
  private static long jitterNanos() {
    return ThreadLocalRandom.current().nextLong(Protocol.REKEY_TIMEOUT_JITTER_MAX.toMillis())
        * 1_000_000L;
  }

  private void onRetransmitHandshake() {
    boolean giveUp;
    synchronized (this) {
      giveUp = handshakeAttempts > t().maxHandshakeAttempts();
      if (!giveUp) {
        handshakeAttempts++;
      }
    }
    if (giveUp) {
      LOG.fine(() -> "handshake with " + peer + " did not complete; giving up");
      sendKeepalive.cancel();
      synchronized (peer.staged) {
        peer.staged.clear();
      }
      if (!zeroKeyMaterial.isPending()) {
        zeroKeyMaterial.mod(t().rejectAfterTime().multipliedBy(3));
      }
      return;
    }
    LOG.fine(() -> "retrying handshake with " + peer);
    device.sender.sendInitiation(peer, true);
  }

  private void onSendKeepalive() {
    device.sender.sendKeepalive(peer);
    boolean again;
    synchronized (this) {
      again = needAnotherKeepalive;
      needAnotherKeepalive = false;
    }
    if (again) {
      sendKeepalive.mod(t().keepaliveTimeout());
    }
  }

  private void onNewHandshake() {
    LOG.fine(() -> "no reply from " + peer + "; starting a new handshake");
    device.sender.sendInitiation(peer, false);
  }

  private void onZeroKeyMaterial() {
    peer.zeroKeyMaterial(device.indexes);
  }

  private void onPersistentKeepalive() {
    if (!peer.config.persistentKeepalive().isZero()) {
      device.sender.sendKeepalive(peer);
    }
  }

  /** A data (non-keepalive) packet was sent. */
  void dataSent() {
    if (!newHandshake.isPending()) {
      // In nanoseconds: this runs for nearly every packet sent, and builds no Duration.
      newHandshake.modNanos(
          t().keepaliveTimeout().toNanos() + t().rekeyTimeout().toNanos() + jitterNanos());
    }
  }

  /** A data (non-keepalive) packet was received. */
  void dataReceived() {
    if (!sendKeepalive.isPending()) {
      sendKeepalive.mod(t().keepaliveTimeout());
    } else {
      synchronized (this) {
        needAnotherKeepalive = true;
      }
    }
  }

  /** Any authenticated packet (data, keepalive or handshake) was sent. */
  void anyAuthenticatedPacketSent() {
    sendKeepalive.cancel();
  }

  /** Any authenticated packet was received. */
  void anyAuthenticatedPacketReceived() {
    newHandshake.cancel();
  }

  /** Any authenticated packet crossed in either direction. */
  void anyAuthenticatedPacketTraversal() {
    Duration interval = peer.config.persistentKeepalive();
    if (!interval.isZero()) {
      persistentKeepalive.mod(interval);
    }
  }

  /** An initiation was sent. */
  void handshakeInitiated() {
    retransmitHandshake.mod(t().rekeyTimeout().plus(jitter()));
  }

  /** A handshake completed (a response was consumed, or the first packet on a new session). */
  void handshakeComplete() {
    retransmitHandshake.cancel();
    synchronized (this) {
      handshakeAttempts = 0;
      sentLastMinuteHandshake = false;
    }
    peer.lastHandshakeWall = device.clock.wallTime();
    peer.lastHandshakeNanos = device.clock.nanoTime();
    peer.handshakes.incrementAndGet();
    device.fireHandshake(peer);
  }

  /** New session keys were derived. */
  void sessionDerived() {
    zeroKeyMaterial.mod(t().rejectAfterTime().multipliedBy(3));
  }

  /** A fresh (not retried) initiation resets the attempt count. */
  synchronized void resetAttempts() {
    handshakeAttempts = 0;
  }

  /** Whether the once-per-session "keypair nearly expired" handshake was already sent. */
  synchronized boolean claimLastMinuteHandshake() {
    if (sentLastMinuteHandshake) {
      return false;
    }
    sentLastMinuteHandshake = true;
    return true;
  }

  void stopAll() {
    retransmitHandshake.stop();
    sendKeepalive.stop();
    newHandshake.stop();
    zeroKeyMaterial.stop();
    persistentKeepalive.stop();
  }
}
