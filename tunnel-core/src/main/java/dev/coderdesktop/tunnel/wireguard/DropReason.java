// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

/** Why the device discarded a packet. Each is counted in {@link DeviceStats}. */
public enum DropReason {
  /** Too short, wrong reserved bytes, or an unknown message type. */
  MALFORMED,
  /** A handshake message whose mac1 did not verify. */
  BAD_MAC1,
  /** Under load, a handshake message without a valid mac2; a cookie reply was sent instead. */
  COOKIE_REQUIRED,
  /** A handshake message that failed to decrypt or came from an unknown key. */
  HANDSHAKE_FAILED,
  /** An initiation whose timestamp was not newer than the last one (a replay). */
  HANDSHAKE_REPLAY,
  /**
   * An initiation arriving faster than the per-peer rate, or (under load) a handshake message from
   * a source over its rate limit.
   */
  HANDSHAKE_FLOOD,
  /** A message naming a receiver index we do not have. */
  UNKNOWN_INDEX,
  /** A transport packet that failed authentication. */
  DECRYPT_FAILED,
  /** A transport counter seen before or outside the window. */
  REPLAY,
  /** A transport packet on an expired keypair. */
  EXPIRED_KEYPAIR,
  /** A decrypted packet whose inner source address the peer may not use. */
  SOURCE_NOT_ALLOWED,
  /** A decrypted packet that is not a valid IPv4/IPv6 packet. */
  BAD_INNER_PACKET,
  /** An outgoing packet whose destination no peer owns. */
  NO_ROUTE,
  /** An outgoing packet dropped because too many were waiting for a handshake. */
  STAGED_OVERFLOW,
  /** A packet the transport failed to send. */
  SEND_FAILED
}
