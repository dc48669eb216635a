// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderdesktop.testbed.Testbed;
import dev.coderdesktop.testbed.TestbedMain;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testbed over HTTPS: trusted through its own CA only, and its DERP map drops ForceHTTP. */
class TestbedTlsTest {

  @Test
  void servesHttpsWithItsOwnCa(@TempDir Path dir) throws Exception {
    TestbedCa ca = TestbedCa.create(dir, "127.0.0.1");
    try (Testbed testbed = new Testbed(TestbedMain.defaultConfig(), new SystemClock("tls-test"))) {
      URI url =
          testbed.start(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", ca.serverContext());
      assertEquals("https", url.getScheme());
      String token =
          testbed.deployment().firstToken(testbed.deployment().users().getFirst().username()).get();
      HttpRequest req =
          HttpRequest.newBuilder(url.resolve("/api/v2/workspaceagents/connection"))
              .header("Coder-Session-Token", token)
              .build();
      HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(ca.caPem())).build();
      HttpResponse<String> r = trusting.send(req, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      JsonNode node =
          new ObjectMapper().readTree(r.body()).at("/derp_map/Regions/999/Nodes/0/ForceHTTP");
      assertTrue(node.isBoolean() && !node.asBoolean(), "ForceHTTP must be false: " + r.body());
      HttpClient plain = HttpClient.newHttpClient();
      assertThrows(
          SSLHandshakeException.class, () -> plain.send(req, HttpResponse.BodyHandlers.ofString()));
    }
  }

  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
