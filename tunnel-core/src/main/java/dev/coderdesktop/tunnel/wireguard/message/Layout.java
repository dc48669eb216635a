// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.message;

/**
 * Byte offsets and sizes of WireGuard messages (all integers little-endian), plus helpers to read
 * and write the 32-bit indexes and 64-bit counter.
 */
public final class Layout {

  /** Size of a handshake initiation. */
  public static final int INITIATION_SIZE = 148;

  /** Size of a handshake response. */
  public static final int RESPONSE_SIZE = 92;

  /** Size of a cookie reply. */
  public static final int COOKIE_REPLY_SIZE = 64;

  /** Header size of a transport message: type, reserved, receiver index, counter. */
  public static final int TRANSPORT_HEADER_SIZE = 16;

  /** Smallest transport message: a header and an empty (keepalive) payload's tag. */
  public static final int TRANSPORT_MIN_SIZE = TRANSPORT_HEADER_SIZE + 16;

  /** Offset of the sender index in initiations and responses. */
  public static final int SENDER_OFFSET = 4;

  /** Offset of the receiver index in responses. */
  public static final int RESPONSE_RECEIVER_OFFSET = 8;

  /** Offset of the receiver index in cookie replies and transport messages. */
  public static final int RECEIVER_OFFSET = 4;

  /** Offset of the counter in transport messages. */
  public static final int COUNTER_OFFSET = 8;

  /** Offset of the Noise payload in an initiation (after type, reserved and sender). */
  public static final int INITIATION_NOISE_OFFSET = 8;

  /** Offset of the Noise payload in a response (after type, reserved, sender and receiver). */
  public static final int RESPONSE_NOISE_OFFSET = 12;

  /** Offset of the nonce in a cookie reply. */
  public static final int COOKIE_NONCE_OFFSET = 8;

  /** Offset of the encrypted cookie in a cookie reply. */
  public static final int COOKIE_OFFSET = 32;

  /** Transport payloads are padded to a multiple of this. */
  public static final int PADDING_MULTIPLE = 16;

  private Layout() {}

  /** Reads a little-endian 32-bit value. */
  public static int readInt(byte[] b, int off) {
    return (b[off] & 0xff)
        | (b[off + 1] & 0xff) << 8
        | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }

  /** Writes a little-endian 32-bit value. */
  public static void writeInt(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  /** Writes the type byte and three zero reserved bytes. */
  public static void writeHeader(byte[] b, int off, int type) {
    writeInt(b, off, type);
  }

  /** Whether the message is an initiation or a response (for load accounting). */
  public static boolean isHandshake(byte[] b, int len) {
    int t = type(b, 0, len);
    return t == MessageType.INITIATION || t == MessageType.RESPONSE;
  }

  /** The message type if the reserved bytes are zero, else -1. */
  public static int type(byte[] b, int off, int len) {
    if (len < 4) {
      return -1;
    }
    int word = readInt(b, off);
    return (word & 0xffffff00) == 0 ? word : -1;
  }
}
