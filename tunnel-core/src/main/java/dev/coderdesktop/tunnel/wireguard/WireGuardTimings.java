// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import java.time.Duration;
import java.util.Objects;

/**
 * The timer and counter limits a {@link Device} runs with. {@link #defaults()} returns the
 * whitepaper's values ({@link WireGuardSpec}); tests shorten them (for example {@code
 * withRekeyAfterTime(Duration.ofSeconds(5))}) to force a rekey quickly. Immutable.
 *
 * @param rekeyAfterMessages see {@link WireGuardSpec#REKEY_AFTER_MESSAGES}
 * @param rejectAfterMessages unsigned; see {@link WireGuardSpec#REJECT_AFTER_MESSAGES}
 * @param rekeyAfterTime see {@link WireGuardSpec#REKEY_AFTER_TIME}
 * @param rejectAfterTime see {@link WireGuardSpec#REJECT_AFTER_TIME}
 * @param rekeyAttemptTime see {@link WireGuardSpec#REKEY_ATTEMPT_TIME}
 * @param rekeyTimeout see {@link WireGuardSpec#REKEY_TIMEOUT}
 * @param keepaliveTimeout see {@link WireGuardSpec#KEEPALIVE_TIMEOUT}
 * @param cookieRefreshTime see {@link WireGuardSpec#COOKIE_REFRESH_TIME}
 * @param rekeyTimeoutJitterMax see {@link WireGuardSpec#REKEY_TIMEOUT_JITTER_MAX}
 */
public record WireGuardTimings(
    long rekeyAfterMessages,
    long rejectAfterMessages,
    Duration rekeyAfterTime,
    Duration rejectAfterTime,
    Duration rekeyAttemptTime,
    Duration rekeyTimeout,
    Duration keepaliveTimeout,
    Duration cookieRefreshTime,
    Duration rekeyTimeoutJitterMax) {

  /** Checks that no value is missing. */
  public WireGuardTimings {
    Objects.requireNonNull(rekeyAfterTime);
    Objects.requireNonNull(rejectAfterTime);
    Objects.requireNonNull(rekeyAttemptTime);
    Objects.requireNonNull(rekeyTimeout);
    Objects.requireNonNull(keepaliveTimeout);
    Objects.requireNonNull(cookieRefreshTime);
    Objects.requireNonNull(rekeyTimeoutJitterMax);
  }

  /** The whitepaper's values. */
  public static WireGuardTimings defaults() {
    return new WireGuardTimings(
        WireGuardSpec.REKEY_AFTER_MESSAGES,
        WireGuardSpec.REJECT_AFTER_MESSAGES,
        WireGuardSpec.REKEY_AFTER_TIME,
        WireGuardSpec.REJECT_AFTER_TIME,
        WireGuardSpec.REKEY_ATTEMPT_TIME,
        WireGuardSpec.REKEY_TIMEOUT,
        WireGuardSpec.KEEPALIVE_TIMEOUT,
        WireGuardSpec.COOKIE_REFRESH_TIME,
        WireGuardSpec.REKEY_TIMEOUT_JITTER_MAX);
  }

  /** A copy with a different rekey-after-time (and nothing else changed). */
  public WireGuardTimings withRekeyAfterTime(Duration d) {
    return new WireGuardTimings(
        rekeyAfterMessages,
        rejectAfterMessages,
        d,
        rejectAfterTime,
        rekeyAttemptTime,
        rekeyTimeout,
        keepaliveTimeout,
        cookieRefreshTime,
        rekeyTimeoutJitterMax);
  }

  /** A copy with a different reject-after-time. */
  public WireGuardTimings withRejectAfterTime(Duration d) {
    return new WireGuardTimings(
        rekeyAfterMessages,
        rejectAfterMessages,
        rekeyAfterTime,
        d,
        rekeyAttemptTime,
        rekeyTimeout,
        keepaliveTimeout,
        cookieRefreshTime,
        rekeyTimeoutJitterMax);
  }

  /** A copy with a different rekey-after-messages. */
  public WireGuardTimings withRekeyAfterMessages(long n) {
    return new WireGuardTimings(
        n,
        rejectAfterMessages,
        rekeyAfterTime,
        rejectAfterTime,
        rekeyAttemptTime,
        rekeyTimeout,
        keepaliveTimeout,
        cookieRefreshTime,
        rekeyTimeoutJitterMax);
  }

  /** How many initiations are sent before giving up: rekey-attempt-time / rekey-timeout. */
  public int maxTimerHandshakes() {
    return (int) Math.max(1, rekeyAttemptTime.toNanos() / rekeyTimeout.toNanos());
  }
}
