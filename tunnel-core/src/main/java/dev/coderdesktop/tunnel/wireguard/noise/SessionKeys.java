// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.noise;

import dev.coderdesktop.tunnel.crypto.Key;

/**
 * The outcome of a completed handshake: transport keys for each direction and the two receiver
 * indexes. Immutable; the keys are secret and never printed.
 *
 * @param sendKey key for packets we send
 * @param receiveKey key for packets we receive
 * @param initiator whether we sent the initiation (the initiator may send at once; the responder
 *     waits for the first transport packet to confirm the session)
 * @param localIndex our receiver index: peers put it in packets to us
 * @param remoteIndex the peer's receiver index: we put it in packets to the peer
 */
public record SessionKeys(
    Key sendKey, Key receiveKey, boolean initiator, int localIndex, int remoteIndex) {}
