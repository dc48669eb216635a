// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.coder.sdk.net.Connectivity;
import dev.coderdesktop.coder.sdk.net.ProxyPolicy;
import dev.coderdesktop.coder.sdk.net.TrustStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Private certificate authorities, redirects and the product's User-Agent. */
@Timeout(30)
class CompanyNetworkTest {

  private static final String TOKEN = "abcdef1234-SECRETsecretSECRET12";
  private static final String ME =
      "{\"id\":\"11111111-2222-3333-4444-555555555555\",\"username\":\"u\"}";

  private static MockResponse json(String body) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static MockResponse redirect(String to) {
    return new MockResponse.Builder().code(302).setHeader("Location", to).build();
  }

  private static MockWebServer httpsServer(HeldCertificate serverCert) throws Exception {
    MockWebServer server = new MockWebServer();
    HandshakeCertificates certs =
        new HandshakeCertificates.Builder().heldCertificate(serverCert).build();
    server.useHttps(certs.sslSocketFactory());
    server.start();
    return server;
  }

  @Test
  @DisplayName(
      "a deployment with a company CA fails with the host and reason, then works with the CA file")
  void privateCa(@TempDir Path dir) throws Exception {
    HeldCertificate ca =
        new HeldCertificate.Builder().certificateAuthority(0).commonName("Corp Root").build();
    HeldCertificate leaf =
        new HeldCertificate.Builder().signedBy(ca).addSubjectAlternativeName("localhost").build();
    try (MockWebServer server = httpsServer(leaf)) {
      DeploymentUrl url = DeploymentUrl.parse("https://localhost:" + server.getPort());
      CoderClient untrusted =
          new CoderClient(
              url,
              SessionToken.of(TOKEN),
              Map.of(),
              new Connectivity(TrustStore.load(List.of(), null), ProxyPolicy.NONE));
      CoderException.Unreachable e = assertThrows(CoderException.Unreachable.class, untrusted::me);
      assertTrue(e.getMessage().contains("certificate of localhost"), e.getMessage());
      assertFalse(e.getMessage().contains(TOKEN));

      Path caFile = dir.resolve("corp-ca.pem");
      Files.writeString(caFile, ca.certificatePem());
      server.enqueue(json(ME));
      CoderClient trusted =
          new CoderClient(
              url,
              SessionToken.of(TOKEN),
              Map.of(),
              new Connectivity(TrustStore.load(List.of(), caFile), ProxyPolicy.NONE));
      assertEquals("u", trusted.me().username());
    }
  }

  @Test
  @DisplayName("a system bundle with the company CA is trusted without any option")
  void systemBundle(@TempDir Path dir) throws Exception {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate leaf =
        new HeldCertificate.Builder().signedBy(ca).addSubjectAlternativeName("localhost").build();
    Path bundle = dir.resolve("ca-certificates.crt");
    Files.writeString(bundle, ca.certificatePem());
    TrustStore trust = TrustStore.load(List.of(dir.resolve("missing.crt"), bundle), null);
    assertEquals(1, trust.extraCertificates());
    try (MockWebServer server = httpsServer(leaf)) {
      server.enqueue(json(ME));
      CoderClient c =
          new CoderClient(
              DeploymentUrl.parse("https://localhost:" + server.getPort()),
              SessionToken.of(TOKEN),
              Map.of(),
              new Connectivity(trust, ProxyPolicy.NONE));
      assertEquals("u", c.me().username());
    }
  }

  @Test
  @DisplayName("an unreadable or empty CA file is a clear error")
  void badCaFile(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate");
    assertThrows(java.io.IOException.class, () -> TrustStore.load(List.of(), dir.resolve("nope")));
    assertThrows(java.io.IOException.class, () -> TrustStore.load(List.of(), empty));
  }

  @Test
  @DisplayName("a same-origin redirect is followed with the token and the User-Agent")
  void sameOriginRedirect() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(redirect("/api/v2/users/me2"));
      server.enqueue(json(ME));
      CoderClient c =
          new CoderClient(
              DeploymentUrl.parse(server.url("/").toString()), SessionToken.of(TOKEN), Map.of());
      assertEquals("u", c.me().username());
      RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
      RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
      assertNotNull(second);
      assertEquals("/api/v2/users/me2", second.getUrl().encodedPath());
      assertEquals(TOKEN, second.getHeaders().get("Coder-Session-Token"));
      String ua = first.getHeaders().get("User-Agent");
      assertTrue(ua.startsWith("coder-desktop-java/") && ua.contains("("), ua);
    }
  }

  @Test
  @DisplayName("a redirect to another origin is refused and the token never reaches it")
  void crossOriginRedirect() throws Exception {
    try (MockWebServer server = new MockWebServer();
        MockWebServer other = new MockWebServer()) {
      server.start();
      other.start();
      other.enqueue(json(ME));
      server.enqueue(redirect(other.url("/steal").toString()));
      CoderClient c =
          new CoderClient(
              DeploymentUrl.parse(server.url("/").toString()), SessionToken.of(TOKEN), Map.of());
      CoderException.Api e = assertThrows(CoderException.Api.class, c::me);
      assertTrue(e.getMessage().contains("redirected to http://"), e.getMessage());
      assertEquals(0, other.getRequestCount());
      assertFalse(e.getMessage().contains(TOKEN));
    }
  }

  @Test
  @DisplayName("a redirect loop ends in an error, not a hang")
  void loop() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      for (int i = 0; i < 5; i++) {
        server.enqueue(redirect("/again"));
      }
      CoderClient c =
          new CoderClient(
              DeploymentUrl.parse(server.url("/").toString()), SessionToken.of(TOKEN), Map.of());
      assertThrows(CoderException.Protocol.class, c::me);
    }
  }

  @Test
  @DisplayName(
      "a proxy URL's user and password reach an HTTP proxy, which gets the call; the token too")
  void proxyCredentialsPlain() throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.start();
      proxy.enqueue(json(ME));
      ProxyPolicy policy =
          new ProxyPolicy(
              null, URI.create("http://alice:p%40ss@127.0.0.1:" + proxy.getPort()), List.of());
      CoderClient c =
          new CoderClient(
              // Never resolved here: the proxy is asked for it.
              DeploymentUrl.parse("http://coder.invalid", true),
              SessionToken.of(TOKEN),
              Map.of(),
              new Connectivity(TrustStore.load(List.of(), null), policy));
      assertEquals("u", c.me().username());
      RecordedRequest r = proxy.takeRequest(5, TimeUnit.SECONDS);
      assertEquals("coder.invalid", r.getUrl().host());
      assertEquals("Basic YWxpY2U6cEBzcw==", r.getHeaders().get("Proxy-Authorization"));
      assertEquals(TOKEN, r.getHeaders().get("Coder-Session-Token"));
    }
  }

  @Test
  @DisplayName(
      "through an HTTPS proxy the credentials go in the CONNECT only, never to the deployment")
  void proxyCredentialsTunnel(@TempDir Path dir) throws Exception {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate leaf =
        new HeldCertificate.Builder()
            .signedBy(ca)
            .addSubjectAlternativeName("coder.invalid")
            .build();
    Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    try (MockWebServer proxy = httpsServer(leaf)) {
      proxy.enqueue(new MockResponse.Builder().inTunnel().build());
      proxy.enqueue(json(ME));
      ProxyPolicy policy =
          new ProxyPolicy(
              URI.create("http://alice:secret@127.0.0.1:" + proxy.getPort()), null, List.of());
      CoderClient c =
          new CoderClient(
              DeploymentUrl.parse("https://coder.invalid"),
              SessionToken.of(TOKEN),
              Map.of(),
              new Connectivity(TrustStore.load(List.of(), caFile), policy));
      assertEquals("u", c.me().username());
      RecordedRequest connect = proxy.takeRequest(5, TimeUnit.SECONDS);
      assertEquals("CONNECT", connect.getMethod());
      assertEquals("Basic YWxpY2U6c2VjcmV0", connect.getHeaders().get("Proxy-Authorization"));
      assertEquals(null, connect.getHeaders().get("Coder-Session-Token"));
      RecordedRequest call = proxy.takeRequest(5, TimeUnit.SECONDS);
      assertEquals("/api/v2/users/me", call.getTarget());
      assertEquals(TOKEN, call.getHeaders().get("Coder-Session-Token"));
      assertEquals(null, call.getHeaders().get("Proxy-Authorization"));
    }
  }

  /** A client for {@code scheme://coder.invalid} through {@code proxy} as alice:wrong. */
  private static CoderClient throughProxy(MockWebServer proxy, String scheme) throws Exception {
    URI proxyUrl = URI.create("http://alice:wrong@127.0.0.1:" + proxy.getPort());
    return new CoderClient(
        DeploymentUrl.parse(scheme + "://coder.invalid", true),
        SessionToken.of(TOKEN),
        Map.of(),
        new Connectivity(
            TrustStore.load(List.of(), null), new ProxyPolicy(proxyUrl, proxyUrl, List.of())));
  }

  @ParameterizedTest(name = "{0} answering {1}")
  @CsvSource({
    "https, 407, true",
    "https, 401, true",
    "http, 407, true",
    "http, 401, true",
    "https, 403, false",
    "https, 502, false"
  })
  @DisplayName(
      "a proxy's refusal is Unreachable naming it, not a revoked token; only 401 and 407 blame the"
          + " credentials")
  void proxyRefuses(String scheme, int status, boolean credentials) throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.start();
      proxy.enqueue(
          new MockResponse.Builder()
              .code(status)
              .setHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
              .body("<html>denied</html>")
              .build());
      CoderException.Unreachable e =
          assertThrows(CoderException.Unreachable.class, throughProxy(proxy, scheme)::me);
      assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
      assertEquals(credentials, e.getMessage().contains("HTTPS_PROXY"), e.getMessage());
      assertFalse(e.getMessage().contains("wrong"));
      assertFalse(e.getMessage().contains(TOKEN));
      RecordedRequest sent = proxy.takeRequest(5, TimeUnit.SECONDS);
      assertEquals("Basic YWxpY2U6d3Jvbmc=", sent.getHeaders().get("Proxy-Authorization"));
    }
  }

  @Test
  @DisplayName("through a plain-http proxy, the deployment's own 401 is still a revoked token")
  void coderUnauthorizedThroughProxy() throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.start();
      proxy.enqueue(
          new MockResponse.Builder()
              .code(401)
              .setHeader("Content-Type", "application/json")
              .body("{\"message\":\"You must be logged in.\"}")
              .build());
      CoderException.Unauthorized e =
          assertThrows(CoderException.Unauthorized.class, throughProxy(proxy, "http")::me);
      assertTrue(e.getMessage().contains("logged in"), e.getMessage());
    }
  }

  @Test
  @DisplayName("a name that does not resolve says so, and names the proxy when it is the proxy's")
  void unresolvable() throws Exception {
    CoderClient direct =
        new CoderClient(
            DeploymentUrl.parse("https://coder.invalid"),
            SessionToken.of(TOKEN),
            Map.of(),
            new Connectivity(TrustStore.load(List.of(), null), ProxyPolicy.NONE));
    CoderException.Unreachable e = assertThrows(CoderException.Unreachable.class, direct::me);
    assertTrue(e.getMessage().contains("coder.invalid does not resolve"), e.getMessage());
    URI proxyUrl = URI.create("http://u:secret@proxy.invalid:3128");
    CoderClient proxied =
        new CoderClient(
            DeploymentUrl.parse("https://coder.example.com"),
            SessionToken.of(TOKEN),
            Map.of(),
            new Connectivity(
                TrustStore.load(List.of(), null), new ProxyPolicy(proxyUrl, proxyUrl, List.of())));
    e = assertThrows(CoderException.Unreachable.class, proxied::me);
    assertTrue(
        e.getMessage().contains("proxy.invalid does not resolve (the proxy proxy.invalid:3128)"),
        e.getMessage());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }
}
