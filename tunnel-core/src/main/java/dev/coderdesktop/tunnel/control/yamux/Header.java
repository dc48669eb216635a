// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control.yamux;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * A 12-byte yamux frame header (hashicorp/yamux v0): version, type, flags, stream id, length.
 * Immutable.
 *
 * @param type {@link #DATA}, {@link #WINDOW_UPDATE}, {@link #PING} or {@link #GO_AWAY}
 * @param flags any of {@link #SYN}, {@link #ACK}, {@link #FIN}, {@link #RST}
 * @param streamId the stream, 0 for the session
 * @param length payload length (data), window delta, ping value or go-away code
 */
public record Header(int type, int flags, int streamId, int length) {

  /** Header size. */
  public static final int SIZE = 12;

  /** Frame types. */
  public static final int DATA = 0;

  /** Frame types. */
  public static final int WINDOW_UPDATE = 1;

  /** Frame types. */
  public static final int PING = 2;

  /** Frame types. */
  public static final int GO_AWAY = 3;

  /** Flag: opens a stream (or a ping request). */
  public static final int SYN = 1;

  /** Flag: acknowledges a stream (or answers a ping). */
  public static final int ACK = 2;

  /** Flag: half-closes a stream. */
  public static final int FIN = 4;

  /** Flag: resets a stream. */
  public static final int RST = 8;

  /** Encodes the header. */
  public byte[] encode() {
    return new byte[] {
      0,
      (byte) type,
      (byte) (flags >>> 8),
      (byte) flags,
      (byte) (streamId >>> 24),
      (byte) (streamId >>> 16),
      (byte) (streamId >>> 8),
      (byte) streamId,
      (byte) (length >>> 24),
      (byte) (length >>> 16),
      (byte) (length >>> 8),
      (byte) length
    };
  }

  /** Reads and validates one header. */
  public static Header read(DataInputStream in) throws IOException {
    byte[] b = new byte[SIZE];
    in.readFully(b);
    if (b[0] != 0) {
      throw new YamuxException("unsupported yamux version " + (b[0] & 0xff));
    }
    int type = b[1] & 0xff;
    if (type > GO_AWAY) {
      throw new YamuxException("unknown yamux frame type " + type);
    }
    int flags = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    int stream =
        ((b[4] & 0xff) << 24) | ((b[5] & 0xff) << 16) | ((b[6] & 0xff) << 8) | (b[7] & 0xff);
    int length =
        ((b[8] & 0xff) << 24) | ((b[9] & 0xff) << 16) | ((b[10] & 0xff) << 8) | (b[11] & 0xff);
    return new Header(type, flags, stream, length);
  }

  /** Whether {@code flag} is set. */
  public boolean has(int flag) {
    return (flags & flag) != 0;
  }
}
