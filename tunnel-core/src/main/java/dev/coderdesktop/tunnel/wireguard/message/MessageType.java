// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.message;

/** WireGuard message types, the first byte of every message (the next three are zero). */
public final class MessageType {

  /** Handshake initiation. */
  public static final int INITIATION = 1;

  /** Handshake response. */
  public static final int RESPONSE = 2;

  /** Cookie reply. */
  public static final int COOKIE_REPLY = 3;

  /** Transport data. */
  public static final int TRANSPORT = 4;

  private MessageType() {}
}
