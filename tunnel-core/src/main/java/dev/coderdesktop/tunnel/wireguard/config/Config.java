// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.config;

import dev.coderdesktop.tunnel.crypto.Key;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A WireGuard interface configuration: the private key, the UDP listen port (0 for any), the peers,
 * and — when read from a wg-quick file — the interface addresses, which the engine itself ignores.
 * Immutable; peers have distinct public keys.
 *
 * @param privateKey the interface's static Curve25519 private key
 * @param listenPort UDP port to listen on, 0 to let the system choose
 * @param addresses wg-quick {@code Address} prefixes, empty when absent
 * @param peers the peers, in file order
 */
public record Config(
    Key privateKey, int listenPort, List<IpPrefix> addresses, List<PeerConfig> peers) {

  /** Copies the lists and checks invariants. */
  public Config {
    Objects.requireNonNull(privateKey, "privateKey");
    if (listenPort < 0 || listenPort > 65535) {
      throw new IllegalArgumentException("listen port out of range");
    }
    addresses = List.copyOf(addresses);
    peers = List.copyOf(peers);
    Set<Key> seen = new HashSet<>();
    for (PeerConfig p : peers) {
      if (!seen.add(p.publicKey())) {
        throw new IllegalArgumentException("duplicate peer " + p.publicKey());
      }
    }
  }

  /** A configuration without wg-quick addresses. */
  public static Config of(Key privateKey, int listenPort, List<PeerConfig> peers) {
    return new Config(privateKey, listenPort, List.of(), peers);
  }

  /**
   * Parses {@code wg setconf} / wg-quick INI text. Keys are case-insensitive; {@code #} starts a
   * comment; {@code AllowedIPs} and {@code Address} may repeat and hold comma-separated lists;
   * wg-quick-only keys ({@code DNS}, {@code MTU}, {@code Table}, hooks, {@code SaveConfig}) and
   * {@code FwMark} are accepted and ignored.
   *
   * @throws ConfigParseException on the first problem found
   */
  public static Config parse(String text) throws ConfigParseException {
    return new ConfigParser().parse(text);
  }
}
