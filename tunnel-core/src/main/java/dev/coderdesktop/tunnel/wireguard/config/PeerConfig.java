// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.config;

import dev.coderdesktop.tunnel.crypto.Key;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One {@code [Peer]}: its public key, optional pre-shared key, the prefixes it may send from and
 * receive for, an optional endpoint, and a persistent keepalive interval (zero for off). Immutable.
 *
 * @param publicKey the peer's static Curve25519 public key
 * @param presharedKey the pre-shared symmetric key, or {@code null} for none (all zeros)
 * @param allowedIps cryptokey routing prefixes
 * @param endpoint where to send first, or {@code null} until the peer contacts us
 * @param persistentKeepalive keepalive interval, {@link Duration#ZERO} for off
 */
public record PeerConfig(
    Key publicKey,
    Key presharedKey,
    List<IpPrefix> allowedIps,
    Endpoint endpoint,
    Duration persistentKeepalive) {

  /** Copies the list and checks required values. */
  public PeerConfig {
    Objects.requireNonNull(publicKey, "publicKey");
    allowedIps = List.copyOf(allowedIps);
    persistentKeepalive = persistentKeepalive == null ? Duration.ZERO : persistentKeepalive;
    if (persistentKeepalive.isNegative() || persistentKeepalive.getSeconds() > 65535) {
      throw new IllegalArgumentException("persistent keepalive out of range");
    }
  }

  /** A peer with just a key and allowed prefixes. */
  public static PeerConfig of(Key publicKey, List<IpPrefix> allowedIps, Endpoint endpoint) {
    return new PeerConfig(publicKey, null, allowedIps, endpoint, Duration.ZERO);
  }
}
