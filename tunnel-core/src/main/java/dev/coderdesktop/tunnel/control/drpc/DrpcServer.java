// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control.drpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves dRPC calls on byte streams, one call per stream as Coder does: a table from method name to
 * handler. An unknown method gets the same {@code unknown rpc} error text as drpcmux. Thread-safe;
 * {@link #serve} runs on the caller's thread for one stream.
 */
public final class DrpcServer {

  private static final Logger LOG = Logger.getLogger(DrpcServer.class.getName());

  /** The server side of one call. */
  public interface Stream {
    /** The next request message, or null once the client stops sending. */
    byte[] receive() throws IOException;

    /** Sends one response message. */
    void send(byte[] message) throws IOException;
  }

  /** Handles one call; returning normally closes the stream, throwing sends an Error. */
  @FunctionalInterface
  public interface Handler {
    /** Runs the call. */
    void handle(Stream stream) throws IOException;
  }

  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

  /** Registers {@code handler} for {@code method}. */
  public DrpcServer register(String method, Handler handler) {
    handlers.put(method, handler);
    return this;
  }

  /** Serves one call arriving on {@code in}/{@code out}; returns when it ends. */
  public void serve(InputStream in, OutputStream out) throws IOException {
    PacketReader reader = new PacketReader(in);
    Packet first = reader.read();
    if (first == null) {
      return;
    }
    if (first.kind() != PacketKind.INVOKE) {
      throw new DrpcException(0, "expected Invoke, got " + first.kind());
    }
    String method = new String(first.data(), StandardCharsets.UTF_8);
    long stream = first.streamId();
    long[] next = {1};
    Stream s =
        new Stream() {
          private boolean ended;

          @Override
          public byte[] receive() throws IOException {
            while (!ended) {
              Packet p = reader.read();
              if (p == null || p.kind() == PacketKind.CLOSE || p.kind() == PacketKind.CLOSE_SEND) {
                ended = true;
                return null;
              }
              if (p.kind() == PacketKind.MESSAGE) {
                return p.data();
              }
            }
            return null;
          }

          @Override
          public void send(byte[] message) throws IOException {
            synchronized (out) {
              new Packet(PacketKind.MESSAGE, stream, next[0]++, message).write(out);
              out.flush();
            }
          }
        };
    Handler h = handlers.get(method);
    try {
      if (h == null) {
        throw new DrpcException(0, "protocol error: unknown rpc: \"" + method + "\"");
      }
      h.handle(s);
      synchronized (out) {
        new Packet(PacketKind.CLOSE, stream, next[0]++, new byte[0]).write(out);
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      long code = e instanceof DrpcException d ? d.code() : 0;
      LOG.log(Level.FINE, "dRPC " + method + " failed", e);
      byte[] text = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
      byte[] body = ByteBuffer.allocate(8 + text.length).putLong(code).put(text).array();
      synchronized (out) {
        new Packet(PacketKind.ERROR, stream, next[0]++, body).write(out);
        out.flush();
      }
    }
  }
}
