// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import java.time.Duration;

/**
 * The protocol constants of the WireGuard whitepaper (section 6.1), named as there. Our own
 * tunables live in {@link WireGuardTimings}, which defaults to these.
 */
public final class WireGuardSpec {

  private WireGuardSpec() {}

  /** Messages sent under one keypair before the initiator starts a new handshake: 2^60. */
  public static final long REKEY_AFTER_MESSAGES = 1L << 60;

  /**
   * Messages after which a keypair is never used again: 2^64 - 2^13 - 1, an unsigned value; compare
   * with {@link Long#compareUnsigned}.
   */
  public static final long REJECT_AFTER_MESSAGES = -(1L << 13) - 1;

  /** Age of a keypair after which the initiator starts a new handshake on send. */
  public static final Duration REKEY_AFTER_TIME = Duration.ofSeconds(120);

  /** Age after which a keypair is never used again. */
  public static final Duration REJECT_AFTER_TIME = Duration.ofSeconds(180);

  /** How long handshake initiations are retried before giving up. */
  public static final Duration REKEY_ATTEMPT_TIME = Duration.ofSeconds(90);

  /** Time to wait for a handshake response before retrying. */
  public static final Duration REKEY_TIMEOUT = Duration.ofSeconds(5);

  /** Time without sending after receiving before a keepalive goes out. */
  public static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(10);

  /** Lifetime of a cookie secret and of a received cookie. */
  public static final Duration COOKIE_REFRESH_TIME = Duration.ofSeconds(120);

  /** Upper bound of the random jitter added to each handshake retransmission. */
  public static final Duration REKEY_TIMEOUT_JITTER_MAX = Duration.ofMillis(333);
}
