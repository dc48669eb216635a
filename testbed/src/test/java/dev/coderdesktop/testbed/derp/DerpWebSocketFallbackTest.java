// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.derp;

import static dev.coderdesktop.tunnel.time.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.testbed.http.HttpClientThreads;
import dev.coderdesktop.testbed.http.TestWebSocketServer;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpClient;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A relay behind a proxy that refuses "Upgrade: DERP" with 403 but passes websockets: the client
 * switches to the websocket by itself and stays on it.
 */
@Timeout(30)
class DerpWebSocketFallbackTest {

  private static final Map<String, String> HEADERS =
      Map.of("Coder-Session-Token", TestWebSocketServer.TOKEN);

  /** In front of {@code relay}: refuses the DERP upgrade, passes websockets. */
  private static TestWebSocketServer websocketsOnly(DerpServer relay) throws IOException {
    return new TestWebSocketServer(
        (in, out) -> {
          try {
            relay.serveUpgraded(in, out, null);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Test
  @DisplayName("a 403 to the DERP upgrade makes the client retry over a websocket and stay there")
  void fallsBackToWebsocket() throws Exception {
    SystemClock clock = new SystemClock("ws-fallback");
    try (DerpServer relay = new DerpServer(X25519.generatePrivateKey(), clock);
        TestWebSocketServer proxy = websocketsOnly(relay)) {
      URI url = URI.create("http://127.0.0.1:" + proxy.port() + "/derp");
      DerpInbox ia = new DerpInbox();
      DerpInbox ib = new DerpInbox();
      Key a = X25519.generatePrivateKey();
      Key b = X25519.generatePrivateKey();
      DerpClient ca = new DerpClient(url, a, HEADERS, clock, ia);
      DerpClient cb = new DerpClient(url, b, HEADERS, clock, ib);
      assertFalse(ca.usesWebsocket());
      ca.start();
      cb.start();
      await("both logged in over websockets", () -> ia.connected() && ib.connected());
      assertTrue(ca.usesWebsocket() && cb.usesWebsocket());
      String reason = ia.forcedWebsocket.poll(5, TimeUnit.SECONDS);
      assertTrue(reason != null && reason.contains("403"), String.valueOf(reason));

      byte[] p = "through the websocket".getBytes(StandardCharsets.UTF_8);
      ca.send(X25519.publicKey(b), p, 0, p.length);
      assertEquals(
          X25519.publicKey(a).toBase64() + ":through the websocket",
          ib.packets.poll(5, TimeUnit.SECONDS));

      List<String> lines = List.copyOf(proxy.requestLines);
      assertEquals(4, lines.size(), lines.toString());
      assertEquals(
          2, lines.stream().filter(l -> l.endsWith("upgrade=DERP")).count(), lines.toString());
      assertEquals(
          2, lines.stream().filter(l -> l.endsWith("upgrade=websocket")).count(), lines.toString());
      ca.close();
      cb.close();
    } finally {
      clock.shutdown();
    }
  }

  @Test
  @DisplayName("websocket redials share one HTTP client, which ends with the DERP client")
  void redialsShareOneClient() throws Exception {
    SystemClock clock = new SystemClock("ws-redial");
    try (DerpServer relay = new DerpServer(X25519.generatePrivateKey(), clock);
        TestWebSocketServer proxy = websocketsOnly(relay)) {
      URI url = URI.create("http://127.0.0.1:" + proxy.port() + "/derp");
      DerpInbox inbox = new DerpInbox();
      java.util.Set<String> before = HttpClientThreads.selectors();
      DerpClient c = new DerpClient(url, X25519.generatePrivateKey(), HEADERS, clock, inbox);
      c.start();
      await("logged in over a websocket", inbox::connected);
      for (int i = 1; i <= 4; i++) {
        int logins = i;
        relay.dropClients();
        await("logged in again, time " + logins, () -> inbox.logins.size() > logins);
      }
      assertTrue(c.usesWebsocket());
      java.util.Set<String> made = HttpClientThreads.since(before);
      assertEquals(1, made.size(), "five websocket dials, one HTTP client (one selector): " + made);
      c.close();
      await(
          "the HTTP client's selector thread ends",
          () -> java.util.Collections.disjoint(HttpClientThreads.selectors(), made));
    } finally {
      clock.shutdown();
    }
  }
}
