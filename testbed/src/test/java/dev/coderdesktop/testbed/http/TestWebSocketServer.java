// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The testbed's HTTP server and websocket, for tests of one stream: any GET is checked for the
 * session token and upgraded, and the websocket's byte streams go to a handler. Anything but a
 * websocket upgrade gets a 403, as a proxy that passes only websockets would answer. Request lines
 * are recorded for assertions.
 */
public final class TestWebSocketServer implements Closeable {

  /** The session token it accepts (any other gets a 401). */
  public static final String TOKEN = "abcdefghij-0123456789secretsecret";

  /** Each request line seen, with its Upgrade header: {@code GET /x HTTP/1.1 upgrade=websocket}. */
  public final List<String> requestLines = new CopyOnWriteArrayList<>();

  private final HttpServer server = new HttpServer();
  private final int port;

  /** Listens on a loopback port; {@code handler} runs on the connection's thread. */
  public TestWebSocketServer(BiConsumer<InputStream, OutputStream> handler) throws IOException {
    server.route(
        "GET /*",
        ex -> {
          String upgrade = ex.header("upgrade");
          requestLines.add(ex.requestLine() + " upgrade=" + upgrade);
          if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            ex.respond(403, "text/plain", new byte[0]);
          } else if (!TOKEN.equals(ex.header("coder-session-token"))) {
            ex.json(401, "{\"message\":\"Invalid session token\"}");
          } else {
            ServerWebSocket ws = ServerWebSocket.accept(ex, null);
            if (ws != null) {
              handler.accept(ws.inputStream(), ws.outputStream());
            }
          }
        });
    port = server.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /** The bound port. */
  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.close();
  }
}
