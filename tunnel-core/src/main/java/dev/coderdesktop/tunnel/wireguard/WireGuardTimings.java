// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import java.time.Duration;

/**
 * The timer durations a device runs with: the whitepaper's values by default ({@link #standard()}),
 * shortened only by tests that need a rekey or expiry without waiting minutes. Immutable.
 *
 * @param rekeyAfterTime see {@link Protocol#REKEY_AFTER_TIME}
 * @param rejectAfterTime see {@link Protocol#REJECT_AFTER_TIME}
 * @param rekeyAttemptTime see {@link Protocol#REKEY_ATTEMPT_TIME}
 * @param rekeyTimeout see {@link Protocol#REKEY_TIMEOUT}
 * @param keepaliveTimeout see {@link Protocol#KEEPALIVE_TIMEOUT}
 */
public record WireGuardTimings(
    Duration rekeyAfterTime,
    Duration rejectAfterTime,
    Duration rekeyAttemptTime,
    Duration rekeyTimeout,
    Duration keepaliveTimeout) {

  /** The whitepaper's values. */
  public static WireGuardTimings standard() {
    return new WireGuardTimings(
        Protocol.REKEY_AFTER_TIME,
        Protocol.REJECT_AFTER_TIME,
        Protocol.REKEY_ATTEMPT_TIME,
        Protocol.REKEY_TIMEOUT,
        Protocol.KEEPALIVE_TIMEOUT);
  }

  /** The standard values with a shorter rekey interval (reject-after scales with it). */
  public WireGuardTimings withRekeyAfterTime(Duration rekey) {
    Duration reject = rekey.multipliedBy(3).dividedBy(2);
    return new WireGuardTimings(
        rekey,
        reject.compareTo(rejectAfterTime) < 0 ? reject : rejectAfterTime,
        rekeyAttemptTime,
        rekeyTimeout,
        keepaliveTimeout);
  }

  /** Handshake attempts before giving up: attempt time over timeout. */
  int maxHandshakeAttempts() {
    return (int) (rekeyAttemptTime.toMillis() / rekeyTimeout.toMillis());
  }
}
