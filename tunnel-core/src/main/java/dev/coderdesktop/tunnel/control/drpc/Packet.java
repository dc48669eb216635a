// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control.drpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A dRPC packet and its frame encoding: a control byte (kind in bits 6..1, "done" in bit 0, the
 * control flag in bit 7), then varints for stream id, message id and length, then the data.
 * Immutable.
 *
 * @param kind the packet kind
 * @param streamId the stream
 * @param messageId the sender's message counter
 * @param data the body
 */
public record Packet(PacketKind kind, long streamId, long messageId, byte[] data) {

  /** Largest assembled packet, as Coder configures both ends. */
  public static final int MAX_PACKET = 4 << 20;

  /** Writers split data larger than this into several frames. */
  public static final int MAX_FRAME_DATA = 64 << 10;

  /** Writes the packet as one or more frames; not synchronised. */
  public void write(OutputStream out) throws IOException {
    int off = 0;
    do {
      int n = Math.min(MAX_FRAME_DATA, data.length - off);
      boolean done = off + n == data.length;
      int control = (kind.wire() << 1) | (done ? 1 : 0);
      if (kind == PacketKind.CANCEL) {
        control |= 0x80;
      }
      ByteArrayOutputStream b = new ByteArrayOutputStream(n + 16);
      b.write(control);
      writeVarint(b, streamId);
      writeVarint(b, messageId);
      writeVarint(b, n);
      b.write(data, off, n);
      out.write(b.toByteArray());
      off += n;
    } while (off < data.length);
  }

  static void writeVarint(OutputStream out, long v) throws IOException {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  static long readVarint(InputStream in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw new java.io.EOFException("stream ended inside a varint");
      }
      v |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new DrpcException(0, "varint longer than 10 bytes");
  }
}
