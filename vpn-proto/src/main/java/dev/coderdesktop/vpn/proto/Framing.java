// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.proto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Message framing after the handshake: a 4-byte big-endian length, then that many bytes of
 * protobuf. A size limit, per direction, checked on read and on write; empty messages are refused.
 * A frame's buffer grows with the bytes that actually arrive, so a length alone never allocates
 * more than one {@link #CHUNK}. Stateless.
 */
public final class Framing {

  /** Largest message either side accepts (16 MiB, as Coder's speaker): the service's Status. */
  public static final int MAX_MESSAGE = 0x1000000;

  /**
   * Largest message a client may send the service (1 MiB). A ClientMessage is a Start (URL, token,
   * and the headers the user configured: Go's HTTP server, which Coder runs, takes up to 1 MiB of
   * headers), a Stop, a Status or a Wake request.
   */
  public static final int MAX_CLIENT_MESSAGE = 0x100000;

  /** The most a frame's buffer grows by before the bytes to fill it have arrived. */
  static final int CHUNK = 64 * 1024;

  /** A frame broke the rules; the connection must be closed. */
  public static final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;

    FrameException(String reason) {
      super(reason);
    }
  }

  private Framing() {}

  /** Writes one framed message of at most {@link #MAX_MESSAGE} bytes. */
  public static void write(OutputStream out, byte[] message) throws IOException {
    write(out, message, MAX_MESSAGE);
  }

  /** Writes one framed message of at most {@code limit} bytes. */
  public static void write(OutputStream out, byte[] message, int limit) throws IOException {
    check(message.length, limit);
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

  /** Reads one framed message of at most {@link #MAX_MESSAGE} bytes; null at a clean end. */
  public static byte[] read(InputStream in) throws IOException {
    return read(in, MAX_MESSAGE);
  }

  /**
   * Reads one framed message of at most {@code limit} bytes, or null at a clean end of stream
   * before a frame.
   */
  public static byte[] read(InputStream in, int limit) throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    byte[] rest = new byte[3];
    for (int have = 0; have < 3; ) {
      int n = in.read(rest, have, 3 - have);
      if (n < 0) {
        throw new FrameException("connection closed inside a frame header");
      }
      have += n;
    }
    long len =
        ((long) first << 24)
            | ((rest[0] & 0xff) << 16)
            | ((rest[1] & 0xff) << 8)
            | (rest[2] & 0xff);
    check(len, limit);
    return body(in, (int) len);
  }

  private static byte[] body(InputStream in, int len) throws IOException {
    byte[] buf = new byte[Math.min(len, CHUNK)];
    int have = 0;
    while (have < len) {
      if (have == buf.length) {
        // Doubling keeps the copies linear; the buffer is never more than twice what arrived.
        buf = Arrays.copyOf(buf, (int) Math.min(len, 2L * buf.length));
      }
      int n = in.read(buf, have, buf.length - have);
      if (n < 0) {
        throw new FrameException("connection closed inside a " + len + "-byte message");
      }
      have += n;
    }
    return buf;
  }

  private static void check(long len, int limit) throws FrameException {
    if (len == 0) {
      throw new FrameException("empty message");
    }
    if (len > limit) {
      throw new FrameException("message of " + len + " bytes exceeds " + limit);
    }
  }
}
