// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A websocket seen as one continuous byte stream in each direction, as Coder carries yamux (and
 * DERP, when forced) over it: binary message boundaries mean nothing. Incoming messages are
 * requested one at a time, so a slow reader pushes back on the server. Thread-safe: one reader,
 * writers serialised.
 */
public final class WebSocketStream implements WebSocket.Listener {

  private static final ByteBuffer EOF = ByteBuffer.allocate(0);

  /**
   * How long one message may take to leave. A peer that stops reading (or a path that went dark)
   * would otherwise hold the writer, and whatever lock it holds, forever. Reads need no timeout of
   * their own: the protocol on top probes and declares the connection dead (a liveness watchdog).
   */
  static final java.time.Duration WRITE_TIMEOUT = java.time.Duration.ofSeconds(10);

  private final BlockingQueue<ByteBuffer> incoming = new LinkedBlockingQueue<>();
  private volatile WebSocket socket;
  private volatile String closeReason;
  private final InputStream in = new In();
  private final OutputStream out = new Out();

  /**
   * Opens a websocket to {@code uri} with the given headers and subprotocols (none if empty) and
   * returns it as a byte stream. Failures to upgrade surface as the JDK's handshake exception in
   * the cause of the {@link java.util.concurrent.ExecutionException}.
   */
  public static WebSocketStream open(
      java.net.http.HttpClient http,
      java.net.URI uri,
      java.util.Map<String, String> headers,
      java.util.List<String> subprotocols,
      java.time.Duration timeout)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    WebSocketStream stream = new WebSocketStream();
    WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(timeout);
    headers.forEach(b::header);
    if (!subprotocols.isEmpty()) {
      b.subprotocols(
          subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
    }
    java.util.concurrent.CompletableFuture<WebSocket> opening = b.buildAsync(uri, stream);
    WebSocket ws;
    try {
      ws = opening.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
      // Nobody will read a websocket whose handshake ends after this; the HTTP client may outlive
      // the dial (it is shared), so the socket must not be left open on it.
      opening.thenAccept(WebSocket::abort);
      throw e;
    }
    stream.attach(ws);
    return stream;
  }

  /** Bytes from the server. */
  public InputStream inputStream() {
    return in;
  }

  /** Bytes to the server; each write is one binary message. */
  public OutputStream outputStream() {
    return out;
  }

  void attach(WebSocket ws) {
    socket = ws;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    socket = webSocket;
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    ByteBuffer copy = ByteBuffer.allocate(data.remaining());
    copy.put(data).flip();
    incoming.add(copy);
    return null;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    // The tailnet API never sends text; skip it rather than corrupt the byte stream.
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeReason = "closed by server (" + statusCode + (reason.isEmpty() ? "" : ": " + reason) + ")";
    incoming.add(EOF);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closeReason = "websocket error: " + error.getMessage();
    incoming.add(EOF);
  }

  /** Drops the connection. */
  public void abort() {
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
    incoming.add(EOF);
  }

  private final class In extends BulkInputStream {
    private ByteBuffer current;

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (current == null || !current.hasRemaining()) {
        if (current == EOF) {
          return -1;
        }
        try {
          ByteBuffer next = incoming.take();
          if (next == EOF) {
            incoming.add(EOF);
            current = EOF;
            return -1;
          }
          current = next;
          socket.request(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted");
        }
      }
      int n = Math.min(len, current.remaining());
      current.get(b, off, n);
      return n;
    }

    @Override
    public void close() {
      abort();
    }
  }

  private final class Out extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      WebSocket ws = socket;
      if (ws == null || ws.isOutputClosed()) {
        throw new IOException(closeReason == null ? "websocket closed" : closeReason);
      }
      try {
        ws.sendBinary(ByteBuffer.wrap(b.clone(), off, len), true)
            .get(WRITE_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted");
      } catch (ExecutionException e) {
        throw new IOException("websocket send failed: " + e.getCause().getMessage());
      } catch (java.util.concurrent.TimeoutException e) {
        closeReason = "websocket write timed out after " + WRITE_TIMEOUT.toSeconds() + " s";
        abort();
        throw new IOException(closeReason);
      }
    }

    @Override
    public void close() {
      abort();
    }
  }
}
