// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.transport.HttpUpgrade;
import dev.coderdesktop.tunnel.transport.NetPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The control plane's websocket through a company proxy. */
@Timeout(30)
class TailnetWebSocketDialerTest {

  /** Accepts one connection, keeps its request head and refuses it with {@code answer}. */
  private static CompletableFuture<HttpUpgrade> refuseOnce(ServerSocket proxy, String answer) {
    CompletableFuture<HttpUpgrade> head = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (Socket c = proxy.accept()) {
                head.complete(HttpUpgrade.read(c.getInputStream()));
                c.getOutputStream()
                    .write(
                        (answer + "\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
              } catch (IOException e) {
                head.completeExceptionally(e);
              }
            });
    return head;
  }

  private static NetPolicy via(URI proxy) throws Exception {
    return new NetPolicy(
        SSLContext.getDefault(),
        u -> Optional.of(proxy),
        ProxySelector.of(new InetSocketAddress(proxy.getHost(), proxy.getPort())),
        "test-agent/1");
  }

  /** What the proxy read, and what the dial threw. */
  private record Outcome(HttpUpgrade connect, IOException error) {}

  /** Dials the control plane through a proxy that refuses the CONNECT with {@code answer}. */
  private static Outcome throughRefusingProxy(String userInfo, String answer) throws Exception {
    try (ServerSocket proxy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<HttpUpgrade> head = refuseOnce(proxy, answer);
      URI proxyUrl = URI.create("http://" + userInfo + "127.0.0.1:" + proxy.getLocalPort());
      TailnetWebSocketDialer dialer =
          new TailnetWebSocketDialer(
              URI.create("https://coder.invalid"), "SECRET-TOKEN", Map.of(), via(proxyUrl));
      IOException e = assertThrows(IOException.class, () -> dialer.dial(null));
      return new Outcome(head.get(10, TimeUnit.SECONDS), e);
    }
  }

  @Test
  @DisplayName("release shuts the dials' HTTP client down, and a dial after it fails")
  void release() throws Exception {
    TailnetWebSocketDialer dialer =
        new TailnetWebSocketDialer(URI.create("http://127.0.0.1:9"), "SECRET-TOKEN", Map.of());
    java.net.http.HttpClient http = dialer.http();
    assertFalse(http.isTerminated());
    dialer.release();
    assertTrue(http.awaitTermination(java.time.Duration.ofSeconds(10)));
    assertThrows(IOException.class, () -> dialer.dial(null));
  }

  @Test
  @DisplayName("the proxy URL's user and password go in the CONNECT; the token does not")
  void credentialsInConnect() throws Exception {
    HttpUpgrade connect =
        throughRefusingProxy("bob:s%20c+ret@", "HTTP/1.1 407 Proxy Authentication Required")
            .connect();
    assertEquals("CONNECT coder.invalid:443 HTTP/1.1", connect.startLine());
    // "s c+ret": percent-decoded, and the '+' kept.
    assertEquals("Basic Ym9iOnMgYytyZXQ=", connect.header("Proxy-Authorization"));
    assertNull(connect.header("Coder-Session-Token"));
  }

  @Test
  @DisplayName("a proxy URL without credentials sends none")
  void noCredentials() throws Exception {
    assertNull(
        throughRefusingProxy("", "HTTP/1.1 407 Proxy Authentication Required")
            .connect()
            .header("Proxy-Authorization"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"HTTP/1.1 407 Proxy Authentication Required", "HTTP/1.1 401 Unauthorized"})
  @DisplayName(
      "the proxy refusing the CONNECT is an outage to retry naming the proxy, not a refused"
          + " sign-in")
  void proxyRefusal(String answer) throws Exception {
    IOException e = throughRefusingProxy("bob:wrong@", answer).error();
    assertFalse(e instanceof ControlRejectedException, e.toString());
    assertTrue(e.getMessage().contains("proxy refused"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong"), e.getMessage());
  }
}
