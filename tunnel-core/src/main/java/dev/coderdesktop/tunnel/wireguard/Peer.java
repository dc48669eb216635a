// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import dev.coderdesktop.tunnel.bind.Endpoint;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.wireguard.config.PeerConfig;
import dev.coderdesktop.tunnel.wireguard.cookie.CookieGenerator;
import dev.coderdesktop.tunnel.wireguard.noise.Handshake;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One remote peer: its handshake, keypairs, endpoint, packets waiting for a session, timers and
 * counters.
 *
 * <p>Locks: {@link #handshake} is used only while holding its own monitor; the keypair slots are
 * guarded by {@link #keypairLock} (and {@link #current} is also volatile so the send path reads it
 * without locking); {@link #staged} is guarded by itself. Lock order: handshake, then keypairLock.
 */
final class Peer {

  /** Packets kept while waiting for a handshake, as wireguard-go does. */
  static final int MAX_STAGED = 128;

  final Key publicKey;
  final Handshake handshake;
  final CookieGenerator cookies;
  final PeerTimers timers;
  volatile PeerConfig config;
  volatile Endpoint endpoint;

  final Object keypairLock = new Object();
  volatile Keypair current;
  // Guarded by keypairLock.
  Keypair previous;
  // Read without the lock by the receive threads (a transport message on the next keypair).
  volatile Keypair next;

  // Guarded by handshake's monitor.
  long lastSentHandshakeNanos = Long.MIN_VALUE / 2;
  long lastInitiationConsumedNanos = Long.MIN_VALUE / 2;

  final ArrayDeque<byte[]> staged = new ArrayDeque<>();

  final AtomicLong rxBytes = new AtomicLong();
  final AtomicLong txBytes = new AtomicLong();
  final AtomicLong handshakes = new AtomicLong();
  volatile long lastHandshakeNanos = -1;
  volatile Instant lastHandshakeWall;

  Peer(Device device, Key localPrivate, Key localPublic, PeerConfig config) {
    this.publicKey = config.publicKey();
    this.config = config;
    this.endpoint = config.endpoint();
    this.handshake = new Handshake(localPrivate, localPublic, publicKey, config.presharedKey());
    this.cookies = new CookieGenerator(publicKey, device.clock);
    this.timers = new PeerTimers(device, this);
  }

  /** Forgets every keypair and the handshake in progress (called under no lock). */
  void zeroKeyMaterial(IndexTable indexes) {
    synchronized (handshake) {
      if (handshake.state() != Handshake.State.ZEROED) {
        indexes.delete(handshake.localIndex());
      }
      handshake.clear();
      synchronized (keypairLock) {
        for (Keypair k : new Keypair[] {previous, current, next}) {
          if (k != null) {
            indexes.delete(k.localIndex);
          }
        }
        previous = null;
        current = null;
        next = null;
      }
    }
  }

  @Override
  public String toString() {
    String b64 = publicKey.toBase64();
    return "peer(" + b64.substring(0, 4) + "…" + b64.substring(40) + ")";
  }
}
