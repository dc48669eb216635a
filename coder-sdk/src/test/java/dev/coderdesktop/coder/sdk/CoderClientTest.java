// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.coder.sdk.workspace.Workspaces;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class CoderClientTest {

  @RegisterExtension final MockCoder coder = new MockCoder(Map.of("X-Corp-Auth", "yes"));

  @Test
  @DisplayName("every request carries the token header and the user's extra headers")
  void headers() throws Exception {
    UUID id = UUID.randomUUID();
    coder.reply(
        200, "{\"id\":\"" + id + "\",\"username\":\"alice\",\"email\":\"a@example.com\",\"x\":1}");
    Values.User me = coder.client().me();
    assertEquals(id, me.id());
    assertEquals("alice", me.username());
    RecordedRequest r = coder.server().takeRequest();
    assertEquals("/api/v2/users/me", r.getTarget());
    assertEquals(MockCoder.TOKEN, r.getHeaders().get("Coder-Session-Token"));
    assertEquals("yes", r.getHeaders().get("X-Corp-Auth"));
  }

  @Nested
  @DisplayName("the version check")
  class VersionCheck {
    @Test
    @DisplayName("accepts v2.20.0 and later, including build metadata")
    void accepts() throws Exception {
      coder.reply(
          200, "{\"version\":\"v2.24.1+a1b2c3d\",\"dashboard_url\":\"https://c.example.com\"}");
      assertEquals(new ServerVersion(2, 24, 1, "v2.24.1+a1b2c3d"), coder.client().checkVersion());
    }

    @Test
    @DisplayName("refuses an old server with a message naming both versions")
    void refusesOld() {
      coder.reply(200, "{\"version\":\"v2.19.3+abc\"}");
      CoderException.UnsupportedServer e =
          assertThrows(CoderException.UnsupportedServer.class, coder.client()::checkVersion);
      assertTrue(e.getMessage().contains("v2.19.3+abc"), e.getMessage());
      assertTrue(e.getMessage().contains("v2.20.0"), e.getMessage());
    }
  }

  @Test
  @DisplayName("a revoked token is Unauthorized with the server's message, never the token")
  void unauthorized() {
    coder.reply(401, "{\"message\":\"API key expired.\",\"detail\":\"expired 2026-01-01\"}");
    CoderException.Unauthorized e =
        assertThrows(CoderException.Unauthorized.class, coder.client()::me);
    assertEquals("API key expired. (expired 2026-01-01)", e.getMessage());
    assertFalse(e.getMessage().contains(MockCoder.TOKEN));
  }

  @Test
  @DisplayName("other error statuses surface message and detail")
  void apiError() {
    coder.reply(500, "{\"message\":\"Internal error.\",\"detail\":\"database not reachable\"}");
    CoderException.Api e =
        assertThrows(CoderException.Api.class, coder.client()::agentConnectionInfo);
    assertEquals(500, e.status());
    assertEquals("database not reachable", e.detail());
  }

  @Test
  @DisplayName("a non-Coder answer is a protocol error")
  void notCoder() {
    coder.server().enqueue(new MockResponse.Builder().code(200).body("<html>hello</html>").build());
    assertThrows(CoderException.Protocol.class, coder.client()::buildInfo);
  }

  @Test
  @DisplayName("a reply over the size limit is a protocol error, not a full heap")
  void hugeReply() {
    StringBuilder big = new StringBuilder((int) CoderClient.MAX_REPLY_BYTES + 2);
    big.append('"');
    big.repeat('a', (int) CoderClient.MAX_REPLY_BYTES);
    big.append('"');
    coder.server().enqueue(new MockResponse.Builder().code(200).body(big.toString()).build());
    CoderException.Protocol e =
        assertThrows(CoderException.Protocol.class, coder.client()::buildInfo);
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
  }

  @Test
  @DisplayName("an unreachable host is Unreachable and does not mention the token")
  void unreachable() throws Exception {
    coder.server().close();
    CoderException.Unreachable e =
        assertThrows(CoderException.Unreachable.class, coder.client()::buildInfo);
    assertFalse(e.getMessage().contains(MockCoder.TOKEN));
  }

  @Test
  @DisplayName("agent connection info reads the DERP map and defaults the suffix to coder")
  void connectionInfo() throws Exception {
    coder.reply(
        200,
        "{\"derp_map\":{\"Regions\":{\"999\":{\"EmbeddedRelay\":true,\"RegionID\":999,"
            + "\"RegionCode\":\"coder\",\"RegionName\":\"Coder Embedded Relay\",\"Nodes\":[{"
            + "\"Name\":\"999b\",\"RegionID\":999,\"HostName\":\"coder.example.com\","
            + "\"STUNPort\":-1,\"DERPPort\":443}]}}},\"derp_force_websockets\":true,"
            + "\"disable_direct_connections\":false}");
    Values.AgentConnectionInfo info = coder.client().agentConnectionInfo();
    assertEquals("coder", info.hostnameSuffix());
    assertTrue(info.derpForceWebsockets());
    Values.DerpRegion r = info.derpMap().regions().get("999");
    assertTrue(r.embeddedRelay());
    assertEquals("coder.example.com", r.nodes().get(0).hostName());
    assertEquals(-1, r.nodes().get(0).stunPort());
  }

  @Test
  @DisplayName("the workspace listing yields each workspace's agents")
  void workspaces() throws Exception {
    UUID ws = UUID.randomUUID();
    UUID agent = UUID.randomUUID();
    coder.reply(
        200,
        "{\"workspaces\":[{\"id\":\""
            + ws
            + "\",\"name\":\"dev\",\"owner_name\":\"alice\",\"latest_build\":{\"id\":\""
            + UUID.randomUUID()
            + "\",\"status\":\"running\",\"resources\":[{\"agents\":[{\"id\":\""
            + agent
            + "\",\"name\":\"main\",\"status\":\"connected\"}]},{\"agents\":null}]}}],\"count\":1}");
    var list = new Workspaces(coder.client()).search("owner:me");
    assertEquals(1, list.size());
    assertEquals(agent, list.get(0).agents().get(0).id());
    assertEquals("/api/v2/workspaces?q=owner%3Ame", coder.server().takeRequest().getTarget());
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | EMPTY",
        "ftp://coder.example.com | SCHEME",
        "https://coder.example.com/dashboard | PATH",
        "https://coder.example.com/?x=1 | QUERY",
        "https://user:pw@coder.example.com | CREDENTIALS",
        "https:// | MALFORMED",
      })
  @DisplayName("deployment URLs are validated with a reason")
  void badUrls(String text, DeploymentUrl.Problem problem) {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> DeploymentUrl.parse(text));
    assertEquals(problem, e.problem());
  }

  @Test
  @DisplayName("good URLs are normalised; a bare host gets https")
  void goodUrls() throws Exception {
    assertEquals("https://coder.example.com", DeploymentUrl.parse("coder.example.com").toString());
    assertEquals(
        "http://127.0.0.1:3000", DeploymentUrl.parse(" http://127.0.0.1:3000/ ").toString());
  }

  @Test
  @DisplayName("tokens hide themselves and reject whitespace; reserved headers are refused")
  void tokensAndHeaders() throws Exception {
    assertEquals("SessionToken(hidden)", SessionToken.of(MockCoder.TOKEN).toString());
    assertThrows(IllegalArgumentException.class, () -> SessionToken.of("a b"));
    assertThrows(IllegalArgumentException.class, () -> SessionToken.of("  "));
    DeploymentUrl u = DeploymentUrl.parse("https://c.example.com");
    assertThrows(
        IllegalArgumentException.class,
        () -> new CoderClient(u, null, Map.of("Coder-Session-Token", "x")));
    assertThrows(
        IllegalArgumentException.class, () -> new CoderClient(u, null, Map.of("Bad Name", "x")));
    // A pasted zero-width space: refused up front, and the message never quotes the value.
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SessionToken.of("abc\u200bdef"));
    assertFalse(e.getMessage().contains("abc"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CoderClient(u, null, Map.of("X-Corp", "sécret")));
    assertFalse(e.getMessage().contains("sécret"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} supported: {1}")
  @CsvSource({
    "v2.20.0, true",
    "2.19.9, false",
    "v2.25.0-devel+abc, true",
    "v3.0.0, true",
    "v0.0.0-devel+f97bd76, true",
    "v0.0.0, false"
  })
  @DisplayName("server versions compare by major, minor and patch")
  void versions(String text, boolean supported) {
    assertEquals(supported, ServerVersion.parse(text).isSupported());
  }
}
