// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import java.time.Duration;

/**
 * Constants from the WireGuard whitepaper (section 6.1), named as there. Our own tunables live in
 * {@link WireGuardTimings}.
 */
public final class Protocol {

  /** Initiate a new handshake after sending this many messages on one keypair. */
  public static final long REKEY_AFTER_MESSAGES = 1L << 60;

  /** Never send or accept a counter at or above this (2^64 - 2^13 - 1, unsigned). */
  public static final long REJECT_AFTER_MESSAGES = -1L - (1L << 13);

  /** The initiator rekeys a keypair older than this when sending. */
  public static final Duration REKEY_AFTER_TIME = Duration.ofSeconds(120);

  /** No keypair older than this is used. */
  public static final Duration REJECT_AFTER_TIME = Duration.ofSeconds(180);

  /** How long to keep retrying a handshake before giving up. */
  public static final Duration REKEY_ATTEMPT_TIME = Duration.ofSeconds(90);

  /** Wait this long for a response before retrying an initiation. */
  public static final Duration REKEY_TIMEOUT = Duration.ofSeconds(5);

  /** Send an empty packet if data was received but nothing was sent for this long. */
  public static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(10);

  /** Cookies and cookie secrets expire after this. */
  public static final Duration COOKIE_REFRESH_TIME = Duration.ofSeconds(120);

  /** Accept at most one initiation per peer per this interval (flood protection). */
  public static final Duration HANDSHAKE_INITIATION_RATE = Duration.ofMillis(20);

  /** Random jitter added to handshake retransmissions, up to this. */
  public static final Duration REKEY_TIMEOUT_JITTER_MAX = Duration.ofMillis(334);

  private Protocol() {}
}
