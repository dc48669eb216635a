// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One DERP frame: a type byte, a 4-byte big-endian length, and the payload. Immutable after
 * construction (the payload array is owned by the frame).
 *
 * @param type the frame type, see {@link FrameType}
 * @param payload the payload bytes
 */
public record Frame(int type, byte[] payload) {

  /** The 8-byte magic at the start of a ServerKey frame: "DERP" and the key emoji. */
  public static final byte[] MAGIC = "DERP🔑".getBytes(StandardCharsets.UTF_8);

  /** The protocol version this implementation speaks. */
  public static final int PROTOCOL_VERSION = 2;

  /** Largest frame either side accepts. */
  public static final int MAX_FRAME = 1 << 20;

  /** Largest packet carried in Send/RecvPacket. */
  public static final int MAX_PACKET = 64 << 10;

  /** Header length. */
  public static final int HEADER = 5;

  /** Reads one frame, rejecting lengths above {@code maxLength}. */
  public static Frame read(DataInputStream in, int maxLength) throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("connection closed");
    }
    int len = in.readInt();
    if (len < 0 || len > maxLength) {
      throw new DerpProtocolException(
          "frame type " + type + " claims " + Integer.toUnsignedString(len) + " bytes");
    }
    byte[] payload = new byte[len];
    in.readFully(payload);
    return new Frame(type, payload);
  }

  /** Writes a frame whose payload is the concatenation of {@code parts}. Not synchronised. */
  public static void write(OutputStream out, int type, byte[]... parts) throws IOException {
    int len = 0;
    for (byte[] p : parts) {
      len += p.length;
    }
    byte[] header = {
      (byte) type, (byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len
    };
    out.write(header);
    for (byte[] p : parts) {
      out.write(p);
    }
  }

  /** Reads a frame or throws EOF/protocol errors; for callers holding a raw stream. */
  public static Frame read(InputStream in, int maxLength) throws IOException {
    return read(in instanceof DataInputStream d ? d : new DataInputStream(in), maxLength);
  }
}
