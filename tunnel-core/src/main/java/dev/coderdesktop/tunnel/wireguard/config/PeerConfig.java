// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.config;

import dev.coderdesktop.tunnel.bind.Endpoint;
import dev.coderdesktop.tunnel.crypto.Key;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One peer of a WireGuard configuration. Immutable.
 *
 * @param publicKey the peer's static public key
 * @param presharedKey optional pre-shared key (null for none)
 * @param allowedIps prefixes routed to this peer and accepted as inner sources from it
 * @param endpoint where to send until the peer roams (null: wait for the peer to reach us)
 * @param persistentKeepalive interval, or {@link Duration#ZERO} for none
 */
public record PeerConfig(
    Key publicKey,
    Key presharedKey,
    List<IpPrefix> allowedIps,
    Endpoint endpoint,
    Duration persistentKeepalive) {

  /** Validates and copies. */
  public PeerConfig {
    Objects.requireNonNull(publicKey, "publicKey");
    allowedIps = List.copyOf(allowedIps);
    persistentKeepalive = persistentKeepalive == null ? Duration.ZERO : persistentKeepalive;
  }
}
