// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.noise;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.wireguard.tai64n.Tai64n;

/**
 * A decrypted handshake initiation addressed to us, not yet applied to any peer: the device looks
 * the peer up by {@link #remoteStatic()}, checks the timestamp and flood limits, then calls {@link
 * Handshake#acceptInitiation}. Immutable to callers.
 */
public final class InitiationResult {

  private final Key remoteStatic;
  private final Tai64n timestamp;
  private final int senderIndex;
  final NoiseIkPsk2 noise;

  InitiationResult(Key remoteStatic, Tai64n timestamp, int senderIndex, NoiseIkPsk2 noise) {
    this.remoteStatic = remoteStatic;
    this.timestamp = timestamp;
    this.senderIndex = senderIndex;
    this.noise = noise;
  }

  /** The initiator's static public key. */
  public Key remoteStatic() {
    return remoteStatic;
  }

  /** The initiation's timestamp, to be newer than the last accepted one from this peer. */
  public Tai64n timestamp() {
    return timestamp;
  }

  /** The initiator's index, to be used as receiver index in our response and transport packets. */
  public int senderIndex() {
    return senderIndex;
  }
}
