// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control.drpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reassembles dRPC packets from frames: frames with the same stream and message id join until one
 * has "done" set; a frame with a newer id drops a partial packet; older ids are a protocol error;
 * unknown control frames are skipped. Not thread-safe.
 */
public final class PacketReader {

  private final InputStream in;
  private long lastStream;
  private long lastMessage;
  private PacketKind partialKind;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

  /** Reads from {@code in}. */
  public PacketReader(InputStream in) {
    this.in = in;
  }

  /** The next whole packet, or null at a clean end of stream. */
  public Packet read() throws IOException {
    while (true) {
      int control = in.read();
      if (control < 0) {
        return null;
      }
      boolean done = (control & 1) != 0;
      boolean controlFlag = (control & 0x80) != 0;
      PacketKind kind = PacketKind.of((control >>> 1) & 0x3f);
      long stream = Packet.readVarint(in);
      long message = Packet.readVarint(in);
      long len = Packet.readVarint(in);
      if (len > Packet.MAX_PACKET || len + partial.size() > Packet.MAX_PACKET) {
        throw new DrpcException(0, "dRPC packet larger than " + Packet.MAX_PACKET + " bytes");
      }
      byte[] data = in.readNBytes((int) len);
      if (data.length != len) {
        throw new java.io.EOFException("stream ended inside a frame");
      }
      if (kind == null || (controlFlag && kind != PacketKind.CANCEL)) {
        continue; // unknown or future control frames are ignored
      }
      if (stream < lastStream || (stream == lastStream && message < lastMessage)) {
        throw new DrpcException(0, "dRPC id monotonicity violation");
      }
      if (stream != lastStream || message != lastMessage || kind != partialKind) {
        partial.reset();
      }
      lastStream = stream;
      lastMessage = message;
      partialKind = kind;
      partial.write(data);
      if (done) {
        byte[] body = partial.toByteArray();
        partial.reset();
        partialKind = null;
        return new Packet(kind, stream, message, body);
      }
    }
  }
}
