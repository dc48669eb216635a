// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.http;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.transport.HttpUpgrade;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * A small HTTP/1.1 server, enough for the testbed: one request per connection, a table of handlers
 * keyed by method and path (an entry ending in {@code /*} matches a prefix), and handlers that may
 * take the connection over after an upgrade. A malformed request gets 400 and closes only its own
 * connection.
 *
 * <p>Thread-safe; one platform thread per connection (they are few and long-lived).
 */
public final class HttpServer implements Closeable {

  /** Serves one request. */
  @FunctionalInterface
  public interface Handler {
    /** Answers (or upgrades) the exchange. */
    void handle(Exchange exchange) throws IOException;
  }

  private static final Logger LOG = Logger.getLogger(HttpServer.class.getName());
  private static final int MAX_BODY = 64 << 10;

  private final Map<String, Handler> routes = new LinkedHashMap<>();
  private final Acceptor acceptor = new Acceptor("testbed-http", this::serve);
  // Null serves plain HTTP; otherwise every connection is TLS with this context's certificate.
  private volatile SSLContext tls;
  private volatile boolean closed;

  /** Adds a route: {@code "GET /api/v2/buildinfo"}, or a prefix such as {@code "POST /x/*"}. */
  public synchronized HttpServer route(String methodAndPath, Handler handler) {
    routes.put(methodAndPath, handler);
    return this;
  }

  /** Serves HTTPS with {@code context}'s key and chain instead of HTTP; call before listening. */
  public HttpServer secure(SSLContext context) {
    this.tls = context;
    return this;
  }

  /** Starts listening; returns the bound port. */
  public int listen(InetSocketAddress address) throws IOException {
    SSLContext context = tls;
    ServerSocket ss;
    if (context == null) {
      ss = new ServerSocket();
    } else {
      SSLServerSocket secure =
          (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
      SSLParameters params = secure.getSSLParameters();
      // Every route is HTTP/1.1 (upgrades included): never let ALPN pick h2.
      params.setApplicationProtocols(new String[] {"http/1.1"});
      secure.setSSLParameters(params);
      ss = secure;
    }
    try {
      ss.setReuseAddress(true);
      ss.bind(address, 128);
    } catch (IOException e) {
      ss.close(); // a restart tries again: leave no socket behind
      throw e;
    }
    acceptor.listen(ss);
    return ss.getLocalPort();
  }

  /**
   * Simulates a server restart for fault tests: stops listening, cuts every connection (upgraded
   * ones too, so clients see their control and relay connections die), and listens again on the
   * same address after {@code down}. Handlers and the state behind them are kept.
   */
  public void restart(Duration down, Clock clock) {
    InetSocketAddress address = acceptor.address();
    if (address == null || closed) {
      return;
    }
    acceptor.close();
    acceptor.dropConnections();
    LOG.info(() -> "restarting: down for " + down.toMillis() + " ms");
    listenAgain(address, clock, down, REBIND_ATTEMPTS);
  }

  // While the port is free, a client redialling it can be handed that very port as its own source
  // port and connect to itself; the port is busy until that client gives up. Try again shortly.
  private static final int REBIND_ATTEMPTS = 50;
  private static final Duration REBIND_PAUSE = Duration.ofMillis(100);

  private void listenAgain(InetSocketAddress address, Clock clock, Duration after, int attempts) {
    clock
        .newTimer(
            "testbed-http-restart",
            () -> {
              if (closed) {
                return;
              }
              try {
                listen(address);
                if (closed) {
                  acceptor.close(); // close() ran while we listened again
                  return;
                }
                LOG.info("restarted");
              } catch (java.net.BindException e) {
                if (attempts > 1) {
                  listenAgain(address, clock, REBIND_PAUSE, attempts - 1);
                } else {
                  LOG.log(Level.SEVERE, "cannot listen again after a restart", e);
                }
              } catch (IOException e) {
                LOG.log(Level.SEVERE, "cannot listen again after a restart", e);
              }
            })
        .mod(after);
  }

  /**
   * Serves one connection's request; an upgraded connection is served inside its handler, so every
   * connection has ended when this returns and the acceptor closes it.
   */
  private void serve(Socket s) {
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout(30_000);
      InputStream in = new BufferedInputStream(s.getInputStream(), 16 << 10);
      OutputStream out = s.getOutputStream();
      HttpUpgrade head;
      try {
        head = HttpUpgrade.read(in);
      } catch (IOException e) {
        badRequest(out, e.getMessage());
        return;
      }
      byte[] body = readBody(in, head);
      if (body == null) {
        badRequest(out, "bad or too large Content-Length");
        return;
      }
      Exchange ex = new Exchange(s, in, out, head, body);
      Handler h = find(ex.method(), ex.path());
      if (h == null) {
        ex.json(404, "{\"message\":\"Route not found.\"}");
        return;
      }
      try {
        h.handle(ex);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "handler for " + ex.path() + " failed", e);
        if (!ex.responded()) {
          ex.json(500, "{\"message\":\"Internal error.\"}");
        }
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "connection ended", e);
    }
  }

  private static byte[] readBody(InputStream in, HttpUpgrade head) throws IOException {
    String len = head.header("content-length");
    if (len == null) {
      return new byte[0];
    }
    int n;
    try {
      n = Integer.parseInt(len.strip());
    } catch (NumberFormatException e) {
      return null;
    }
    if (n < 0 || n > MAX_BODY) {
      return null;
    }
    return in.readNBytes(n);
  }

  private static void badRequest(OutputStream out, String why) throws IOException {
    LOG.fine(() -> "bad request: " + why);
    out.write(
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private synchronized Handler find(String method, String path) {
    Handler exact = routes.get(method + " " + path);
    if (exact != null) {
      return exact;
    }
    String best = null;
    for (String r : routes.keySet()) {
      if (r.endsWith("/*")) {
        String prefix = r.substring(0, r.length() - 1);
        if ((method + " " + path).startsWith(prefix)
            && (best == null || prefix.length() > best.length())) {
          best = r;
        }
      }
    }
    return best == null ? null : routes.get(best);
  }

  @Override
  public void close() {
    closed = true;
    acceptor.close();
  }
}
