// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.proto;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Message framing after the handshake: a 4-byte big-endian length, then that many bytes of
 * protobuf. One size limit, checked on read and on write; empty messages are refused. Stateless.
 */
public final class Framing {

  /** Largest message either side accepts (16 MiB, as Coder's speaker). */
  public static final int MAX_MESSAGE = 0x1000000;

  /** A frame broke the rules; the connection must be closed. */
  public static final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;

    FrameException(String reason) {
      super(reason);
    }
  }

  private Framing() {}

  /** Writes one framed message. */
  public static void write(OutputStream out, byte[] message) throws IOException {
    check(message.length);
    byte[] h = {
      (byte) (message.length >>> 24),
      (byte) (message.length >>> 16),
      (byte) (message.length >>> 8),
      (byte) message.length
    };
    out.write(h);
    out.write(message);
    out.flush();
  }

  /** Reads one framed message, or null at a clean end of stream before a frame. */
  public static byte[] read(InputStream in) throws IOException {
    DataInputStream d = in instanceof DataInputStream x ? x : new DataInputStream(in);
    int first = d.read();
    if (first < 0) {
      return null;
    }
    byte[] rest = new byte[3];
    d.readFully(rest);
    long len =
        ((long) first << 24)
            | ((rest[0] & 0xff) << 16)
            | ((rest[1] & 0xff) << 8)
            | (rest[2] & 0xff);
    check(len);
    byte[] msg = new byte[(int) len];
    try {
      d.readFully(msg);
    } catch (EOFException e) {
      throw new FrameException("connection closed inside a " + len + "-byte message");
    }
    return msg;
  }

  private static void check(long len) throws FrameException {
    if (len == 0) {
      throw new FrameException("empty message");
    }
    if (len > MAX_MESSAGE) {
      throw new FrameException("message of " + len + " bytes exceeds " + MAX_MESSAGE);
    }
  }
}
