// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.bind;

/**
 * Where a peer's WireGuard packets are sent: a UDP address, or (for the DERP transport) a relay
 * addressed by the peer's node key. Implementations are immutable values with {@code equals}.
 */
public interface Endpoint {

  /**
   * Bytes identifying the sender's address, which WireGuard binds cookies to (for UDP: the IP
   * address then the port, little-endian, as wireguard-go does).
   */
  byte[] addressBytes();
}
