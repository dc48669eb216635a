// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.http;

import dev.coderdesktop.tunnel.transport.BulkInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The server end of an RFC 6455 websocket carrying a byte stream, as Coder's tailnet API and DERP
 * websockets do: binary messages in either direction are just chunks of the stream. Reads pull
 * frames on the reader's thread (answering pings in passing); each write is one binary message.
 *
 * <p>Reads from one thread at a time; writes are serialised.
 */
public final class ServerWebSocket {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int MAX_FRAME = 1 << 20;

  private final DataInputStream in;
  private final OutputStream out;
  private final InputStream stream = new FrameInput();
  private final OutputStream sink = new FrameOutput();

  private ServerWebSocket(InputStream in, OutputStream out) {
    this.in = new DataInputStream(in);
    this.out = out;
  }

  /**
   * Answers the upgrade with 101 (choosing {@code subprotocol} when not null and offered), or with
   * 400 and null when the request is not a valid websocket upgrade.
   */
  public static ServerWebSocket accept(Exchange ex, String subprotocol) throws IOException {
    String key = ex.header("sec-websocket-key");
    String upgrade = ex.header("upgrade");
    if (!"GET".equals(ex.method())
        || upgrade == null
        || !upgrade.toLowerCase(Locale.ROOT).equals("websocket")
        || key == null
        || !"13".equals(ex.header("sec-websocket-version"))) {
      ex.json(400, "{\"message\":\"Expected a websocket upgrade.\"}");
      return null;
    }
    String offered = ex.header("sec-websocket-protocol");
    boolean chooseProtocol =
        subprotocol != null
            && offered != null
            && Arrays.stream(offered.split(",")).map(String::strip).anyMatch(subprotocol::equals);
    String response =
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: "
            + acceptValue(key)
            + "\r\n"
            + (chooseProtocol ? "Sec-WebSocket-Protocol: " + subprotocol + "\r\n" : "")
            + "\r\n";
    ex.upgraded();
    ex.socket().setSoTimeout(0);
    ex.output().write(response.getBytes(StandardCharsets.ISO_8859_1));
    ex.output().flush();
    return new ServerWebSocket(ex.input(), ex.output());
  }

  /** The Sec-WebSocket-Accept value for a client key. */
  static String acceptValue(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1")
              .digest((key.strip() + GUID).getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  /** The bytes of the client's binary messages, in order; EOF at the close frame. */
  public InputStream inputStream() {
    return stream;
  }

  /** Each write becomes one binary message. */
  public OutputStream outputStream() {
    return sink;
  }

  private synchronized void writeFrame(int opcode, byte[] b, int off, int len) throws IOException {
    out.write(0x80 | opcode);
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

  private final class FrameInput extends BulkInputStream {
    private byte[] buf = new byte[0];
    private int pos;
    private boolean eof;

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (pos == buf.length) {
        if (eof || !nextDataFrame()) {
          eof = true;
          return -1;
        }
      }
      int n = Math.min(len, buf.length - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }

    /** Reads frames until one carries data; false at the close frame or end of stream. */
    private boolean nextDataFrame() throws IOException {
      while (true) {
        int b0;
        try {
          b0 = in.readUnsignedByte();
        } catch (EOFException e) {
          return false;
        }
        int b1 = in.readUnsignedByte();
        int opcode = b0 & 0x0f;
        if ((b1 & 0x80) == 0) {
          throw new IOException("client frames must be masked");
        }
        long len = b1 & 0x7f;
        if (len == 126) {
          len = in.readUnsignedShort();
        } else if (len == 127) {
          len = in.readLong();
        }
        if (len < 0 || len > MAX_FRAME) {
          throw new IOException("websocket frame too large: " + len);
        }
        byte[] mask = new byte[4];
        in.readFully(mask);
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i & 3];
        }
        switch (opcode) {
          case 0x0, 0x1, 0x2 -> {
            buf = payload;
            pos = 0;
            return true;
          }
          case 0x8 -> {
            writeFrame(0x8, payload, 0, Math.min(payload.length, 2));
            return false;
          }
          case 0x9 -> writeFrame(0xA, payload, 0, payload.length);
          case 0xA -> {
            // An unsolicited pong needs nothing.
          }
          default -> throw new IOException("unknown websocket opcode " + opcode);
        }
      }
    }
  }

  private final class FrameOutput extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      writeFrame(0x2, b, off, len);
    }

    @Override
    public void close() throws IOException {
      writeFrame(0x8, new byte[] {0x03, (byte) 0xe8}, 0, 2);
    }
  }
}
