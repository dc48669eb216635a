// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import java.time.Duration;

/**
 * What the local socket allows each client and all of them together. Immutable.
 *
 * @param maxClients connections served at once (in the handshake or after); more are refused
 * @param handshakeTimeout how long a new connection may take to send its version line
 * @param outboxDepth messages that may wait for a client to read them before it is disconnected
 * @param stallTimeout how long a client may leave waiting messages unread before it is disconnected
 */
public record ClientLimits(
    int maxClients, Duration handshakeTimeout, int outboxDepth, Duration stallTimeout) {

  /** The service's defaults: 32 clients, 5 s to handshake, 64 waiting messages, 30 s stalled. */
  public static final ClientLimits DEFAULT =
      new ClientLimits(32, Duration.ofSeconds(5), 64, Duration.ofSeconds(30));

  /** Checks the values. */
  public ClientLimits {
    if (maxClients < 1 || outboxDepth < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (handshakeTimeout.isNegative()
        || handshakeTimeout.isZero()
        || stallTimeout.isNegative()
        || stallTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }
}
