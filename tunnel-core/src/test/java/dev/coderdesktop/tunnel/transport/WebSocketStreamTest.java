// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Opening a websocket as a byte stream. */
@Timeout(30)
class WebSocketStreamTest {

  @Test
  @DisplayName("a handshake that completes after the dial gave up is aborted, not left open")
  void lateHandshakeAborted() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        HttpClient http = HttpClient.newHttpClient()) {
      // Answers the upgrade only after the client has given up, then reports when the client
      // ends the connection (-1 read), or nothing if it stays open.
      CompletableFuture<Integer> afterAnswer = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket c = server.accept()) {
                  HttpUpgrade head = HttpUpgrade.read(c.getInputStream());
                  Thread.sleep(1_000);
                  String accept =
                      Base64.getEncoder()
                          .encodeToString(
                              MessageDigest.getInstance("SHA-1")
                                  .digest(
                                      (head.header("Sec-WebSocket-Key")
                                              + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                                          .getBytes(StandardCharsets.ISO_8859_1)));
                  c.getOutputStream()
                      .write(
                          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                  + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                                  + accept
                                  + "\r\n\r\n")
                              .getBytes(StandardCharsets.ISO_8859_1));
                  c.setSoTimeout(10_000);
                  InputStream in = c.getInputStream();
                  int b;
                  do {
                    b = in.read();
                  } while (b >= 0);
                  afterAnswer.complete(b);
                } catch (Exception e) {
                  afterAnswer.completeExceptionally(e);
                }
              });
      URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/slow");
      // The dialling thread is interrupted (a session stopping) while the server is still silent;
      // the JDK's own handshake timeout (10 s) is far off, so only the dial can end the socket.
      CompletableFuture<Throwable> dial = new CompletableFuture<>();
      Thread dialer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      WebSocketStream.open(http, uri, Map.of(), List.of(), Duration.ofSeconds(10));
                      dial.complete(null);
                    } catch (Throwable e) {
                      dial.complete(e);
                    }
                  });
      Thread.sleep(300);
      dialer.interrupt();
      assertTrue(dial.get(5, TimeUnit.SECONDS) instanceof InterruptedException);
      // The HTTP client is still alive (shared, as DERP's is across redials): only the abort
      // closes the late connection.
      assertEquals(-1, afterAnswer.get(15, TimeUnit.SECONDS));
    }
  }
}
