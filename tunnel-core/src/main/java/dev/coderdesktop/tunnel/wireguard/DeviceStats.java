// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import dev.coderdesktop.tunnel.bind.Endpoint;
import dev.coderdesktop.tunnel.crypto.Key;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a device's counters. Immutable.
 *
 * @param dropped packets discarded, by reason
 * @param peers one entry per peer
 */
public record DeviceStats(Map<DropReason, Long> dropped, List<PeerStats> peers) {

  /** Copies. */
  public DeviceStats {
    dropped = Map.copyOf(dropped);
    peers = List.copyOf(peers);
  }

  /** How many packets were dropped for {@code reason}. */
  public long dropped(DropReason reason) {
    return dropped.getOrDefault(reason, 0L);
  }

  /**
   * One peer's counters.
   *
   * @param publicKey the peer
   * @param endpoint the current endpoint, or null
   * @param rxBytes bytes received (whole messages)
   * @param txBytes bytes sent (whole messages)
   * @param handshakes completed handshakes
   * @param lastHandshakeNanos clock time of the last completed handshake, or -1
   * @param lastHandshake wall time of the last completed handshake (what {@code wg show} prints),
   *     or null if none
   */
  public record PeerStats(
      Key publicKey,
      Endpoint endpoint,
      long rxBytes,
      long txBytes,
      long handshakes,
      long lastHandshakeNanos,
      Instant lastHandshake) {}
}
