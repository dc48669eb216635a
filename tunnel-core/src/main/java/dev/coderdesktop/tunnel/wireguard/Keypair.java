// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import dev.coderdesktop.tunnel.crypto.ChaChaPoly;
import dev.coderdesktop.tunnel.wireguard.noise.SessionKeys;
import dev.coderdesktop.tunnel.wireguard.replay.ReplayFilter;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * The transport keys of one session with a peer, with its send counter and replay filter.
 * Thread-safe: the send counter is atomic and the replay filter is used under this object's lock.
 */
final class Keypair {

  final SecretKeySpec sendKey;
  final SecretKeySpec receiveKey;
  final boolean initiator;
  final int localIndex;
  final int remoteIndex;
  final long createdNanos;
  final Peer peer;
  final AtomicLong sendCounter = new AtomicLong();
  private final ReplayFilter replay = new ReplayFilter();

  Keypair(SessionKeys keys, long createdNanos, Peer peer) {
    this.sendKey = ChaChaPoly.key(keys.sendKey().bytes());
    this.receiveKey = ChaChaPoly.key(keys.receiveKey().bytes());
    this.initiator = keys.initiator();
    this.localIndex = keys.localIndex();
    this.remoteIndex = keys.remoteIndex();
    this.createdNanos = createdNanos;
    this.peer = peer;
  }

  synchronized boolean acceptCounter(long counter) {
    return replay.validateCounter(counter, Protocol.REJECT_AFTER_MESSAGES);
  }
}
