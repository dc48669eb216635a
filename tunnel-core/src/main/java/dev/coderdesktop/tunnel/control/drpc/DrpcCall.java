// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control.drpc;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One RPC on its own byte stream (a yamux stream), as Coder runs every call: dRPC stream id 1, our
 * message ids counting up from 1. Covers unary, server-streaming and bidirectional calls. Sending
 * is synchronised; one thread receives.
 */
public final class DrpcCall implements Closeable {

  private static final long STREAM = 1;

  private final OutputStream out;
  private final PacketReader reader;
  private final Closeable transport;
  private long nextMessage = 1;
  private boolean invoked;
  private final String method;

  /** Prepares a call of {@code method} (e.g. {@code /coder.tailnet.v2.Tailnet/Coordinate}). */
  public DrpcCall(String method, InputStream in, OutputStream out, Closeable transport) {
    this.method = method;
    this.out = out;
    this.reader = new PacketReader(in);
    this.transport = transport;
  }

  /** Sends one request message (the first one also sends the Invoke). */
  public synchronized void send(byte[] message) throws IOException {
    if (!invoked) {
      new Packet(PacketKind.INVOKE, STREAM, nextMessage++, method.getBytes(StandardCharsets.UTF_8))
          .write(out);
      invoked = true;
    }
    new Packet(PacketKind.MESSAGE, STREAM, nextMessage++, message).write(out);
    out.flush();
  }

  /** Tells the server we will send nothing more. */
  public synchronized void closeSend() throws IOException {
    new Packet(PacketKind.CLOSE_SEND, STREAM, nextMessage++, new byte[0]).write(out);
    out.flush();
  }

  /**
   * The next response message, or null when the server closed the stream normally.
   *
   * @throws DrpcException when the server sent an Error
   */
  public byte[] receive() throws IOException {
    while (true) {
      Packet p = reader.read();
      if (p == null) {
        return null;
      }
      switch (p.kind()) {
        case MESSAGE -> {
          return p.data();
        }
        case ERROR -> throw error(p.data());
        case CLOSE, CLOSE_SEND -> {
          return null;
        }
        default -> {
          // Invoke-side packets never come from a server; ignore them.
        }
      }
    }
  }

  /** A unary call: one request, one response. */
  public byte[] unary(byte[] request) throws IOException {
    send(request);
    closeSend();
    byte[] response = receive();
    if (response == null) {
      throw new DrpcException(0, method + " closed without a response");
    }
    return response;
  }

  static DrpcException error(byte[] body) {
    long code = body.length >= 8 ? ByteBuffer.wrap(body, 0, 8).getLong() : 0;
    String text =
        body.length > 8 ? new String(body, 8, body.length - 8, StandardCharsets.UTF_8) : "";
    return new DrpcException(code, text);
  }

  /** Closes the underlying stream, abandoning the call. */
  @Override
  public void close() throws IOException {
    transport.close();
  }
}
