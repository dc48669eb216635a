// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import dev.coderdesktop.tunnel.disco.DiscoPacket;
import dev.coderdesktop.tunnel.stun.StunHeader;

/**
 * What a datagram on the shared UDP sockets is, told by its first bytes in the order the tailnet's
 * clients check them: STUN (top two bits zero and the magic cookie at bytes 4..8), then disco (the
 * "TS💬" magic), and everything else is WireGuard (whose messages start with a type byte 1-4 and
 * three zeros).
 */
enum DatagramKind {
  /** A STUN response, for the {@link StunProber}. */
  STUN,
  /** A disco message, for the disco handler. */
  DISCO,
  /** Anything else: WireGuard's to judge. */
  WIREGUARD;

  /** The kind of the datagram {@code b[0, len)}. */
  static DatagramKind of(byte[] b, int len) {
    if (StunHeader.isStun(b, 0, len)) {
      return STUN;
    }
    if (DiscoPacket.looksLikeDisco(b, len)) {
      return DISCO;
    }
    return WIREGUARD;
  }
}
