// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import dev.coderdesktop.tunnel.transport.HttpUpgrade;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A minimal RFC 6455 server for tests: checks the session token, upgrades, and turns binary
 * messages into a byte stream for a handler (and the handler's writes into binary messages).
 */
final class TestWebSocketServer implements Closeable {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  final List<String> requestLines = new CopyOnWriteArrayList<>();
  private final ServerSocket listener;
  private final String token;
  private final BiConsumer<InputStream, OutputStream> handler;

  TestWebSocketServer(String token, BiConsumer<InputStream, OutputStream> handler)
      throws IOException {
    this.token = token;
    this.handler = handler;
    listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("test-ws-accept").start(this::acceptLoop);
  }

  int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    try {
      while (true) {
        Socket s = listener.accept();
        Thread.ofPlatform().daemon().start(() -> upgrade(s));
      }
    } catch (IOException e) {
      // Closed.
    }
  }

  private void upgrade(Socket s) {
    try {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      HttpUpgrade head = HttpUpgrade.read(in);
      requestLines.add(head.startLine() + " upgrade=" + head.header("upgrade"));
      String upgrade = head.header("upgrade");
      if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
        // As a proxy that only passes websockets would.
        out.write(
            "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        s.close();
        return;
      }
      if (!token.equals(head.header("coder-session-token"))) {
        byte[] body = "{\"message\":\"Invalid session token\"}".getBytes(StandardCharsets.UTF_8);
        out.write(
            ("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        s.close();
        return;
      }
      String accept =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-1")
                      .digest(
                          (head.header("sec-websocket-key") + GUID)
                              .getBytes(StandardCharsets.ISO_8859_1)));
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + accept
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      PipedInputStream fromClient = new PipedInputStream(1 << 20);
      PipedOutputStream sink = new PipedOutputStream(fromClient);
      Thread.ofPlatform().daemon().start(() -> readFrames(new DataInputStream(in), sink, out));
      handler.accept(fromClient, new FrameWriter(out));
    } catch (Exception e) {
      try {
        s.close();
      } catch (IOException ignored) {
        // Nothing more to do.
      }
    }
  }

  private static void readFrames(DataInputStream in, OutputStream sink, OutputStream out) {
    try {
      while (true) {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        int opcode = b0 & 0x0f;
        long len = b1 & 0x7f;
        if (len == 126) {
          len = in.readUnsignedShort();
        } else if (len == 127) {
          len = in.readLong();
        }
        byte[] mask = new byte[4];
        if ((b1 & 0x80) != 0) {
          in.readFully(mask);
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i % 4];
        }
        if (opcode == 0x8) {
          sink.close();
          return;
        }
        if (opcode == 0x2 || opcode == 0x0) {
          sink.write(payload);
          sink.flush();
        }
      }
    } catch (IOException e) {
      try {
        sink.close();
      } catch (IOException ignored) {
        // Nothing more to do.
      }
    }
  }

  /** Each write becomes one unmasked binary message. */
  private static final class FrameWriter extends OutputStream {
    private final OutputStream out;

    FrameWriter(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      out.write(0x82);
      if (len < 126) {
        out.write(len);
      } else if (len < 65536) {
        out.write(126);
        out.write(len >>> 8);
        out.write(len);
      } else {
        out.write(127);
        for (int i = 7; i >= 0; i--) {
          out.write((int) ((long) len >>> (8 * i)));
        }
      }
      out.write(b, off, len);
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
