// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyPolicyTest {

  private static final Map<String, String> ENV =
      Map.of(
          "HTTPS_PROXY", "http://user:p%40ss@proxy.corp:3128",
          "http_proxy", "proxy.corp:8080",
          "NO_PROXY", "localhost, .internal.corp,10.1.2.3, svc.local:8443");

  @ParameterizedTest(name = "{0} goes through {1}")
  @CsvSource({
    "https://coder.example.com/api, proxy.corp:3128",
    "wss://coder.example.com/api/v2/tailnet, proxy.corp:3128",
    "http://coder.example.com/, proxy.corp:8080",
    "https://localhost:3000/, direct",
    "https://a.internal.corp/, direct",
    "https://internal.corp/, direct",
    "https://notinternal.corp/, proxy.corp:3128",
    "https://10.1.2.3/, direct",
    "https://svc.local/, direct",
    "http://127.0.0.1:8080/, direct",
    "https://[::1]:3000/, direct"
  })
  void routes(String target, String expected) {
    ProxyPolicy p = ProxyPolicy.fromEnvironment(ENV, null);
    Optional<URI> proxy = p.proxyFor(URI.create(target));
    assertEquals(
        expected, proxy.map(u -> u.getHost() + ":" + u.getPort()).orElse("direct"), target);
  }

  @Test
  @DisplayName("a setting overrides the environment; NO_PROXY=* turns the proxy off")
  void overrideAndStar() {
    ProxyPolicy p = ProxyPolicy.fromEnvironment(ENV, "http://other:9000");
    assertEquals(
        "other", p.proxyFor(URI.create("https://coder.example.com")).orElseThrow().getHost());
    ProxyPolicy none =
        ProxyPolicy.fromEnvironment(Map.of("HTTPS_PROXY", "p:1", "NO_PROXY", "*"), null);
    assertTrue(none.proxyFor(URI.create("https://x.y")).isEmpty());
    assertTrue(ProxyPolicy.NONE.proxyFor(URI.create("https://x.y")).isEmpty());
  }

  @Test
  @DisplayName("proxy credentials become a Basic header and never appear in toString")
  void credentials() {
    ProxyPolicy p = ProxyPolicy.fromEnvironment(ENV, null);
    URI proxy = p.proxyFor(URI.create("https://coder.example.com")).orElseThrow();
    assertEquals("Basic dXNlcjpwQHNz", ProxyPolicy.proxyAuthorization(proxy));
    assertNull(ProxyPolicy.proxyAuthorization(URI.create("http://proxy:1")));
    // A '+' is a '+', not a space (a form decoder's reading); %XX is decoded.
    assertEquals(
        "Basic dTphK2IgYw==", ProxyPolicy.proxyAuthorization(URI.create("http://u:a+b%20c@p:1")));
    assertFalse(p.toString().contains("p%40ss"), p.toString());
    assertFalse(p.toString().contains("user"), p.toString());
  }

  @Test
  @DisplayName("the JDK selector answers HTTP proxies or NO_PROXY")
  void selector() {
    ProxyPolicy p = ProxyPolicy.fromEnvironment(ENV, null);
    assertEquals(
        Proxy.Type.HTTP, p.selector().select(URI.create("https://c.example")).get(0).type());
    assertEquals(Proxy.NO_PROXY, p.selector().select(URI.create("https://localhost")).get(0));
  }

  @Test
  @DisplayName("only http:// proxies are accepted")
  void schemes() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ProxyPolicy.fromEnvironment(Map.of("HTTPS_PROXY", "socks5://p:1080"), null));
  }
}
