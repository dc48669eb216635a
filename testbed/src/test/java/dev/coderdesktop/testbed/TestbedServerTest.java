// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.Values;
import dev.coderdesktop.coder.sdk.workspace.WorkspaceJson;
import dev.coderdesktop.coder.sdk.workspace.Workspaces;
import dev.coderdesktop.testbed.config.TestbedConfig;
import dev.coderdesktop.testbed.derp.DerpInbox;
import dev.coderdesktop.tunnel.control.RecordingListener;
import dev.coderdesktop.tunnel.control.TailnetControlClient;
import dev.coderdesktop.tunnel.control.TailnetWebSocketDialer;
import dev.coderdesktop.tunnel.control.WorkspaceState;
import dev.coderdesktop.tunnel.control.proto.DERPMap;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpClient;
import dev.coderdesktop.tunnel.stun.BindingRequest;
import dev.coderdesktop.tunnel.stun.BindingResponse;
import dev.coderdesktop.tunnel.stun.TransactionId;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The testbed server on loopback (no agents, no root), spoken to by our own Coder REST client,
 * tailnet control client and DERP client: the same code the service runs against real Coder.
 */
@Timeout(60)
class TestbedServerTest {

  private static final String TOKEN = "0123456789-abcdefghijklmnopqrstuv";
  private static final String REVOKED = "9876543210-zyxwvutsrqponmlkjihgfedc";

  private final SystemClock clock = new SystemClock("testbed-test");
  private Testbed testbed;

  private URI start(String version) throws Exception {
    TestbedConfig config =
        new TestbedConfig(
            version,
            null,
            false,
            List.of(new TestbedConfig.UserSpec("alice", List.of(TOKEN), List.of(REVOKED))),
            List.of(
                new TestbedConfig.WorkspaceSpec("dev", "alice", false, List.of("main")),
                new TestbedConfig.WorkspaceSpec("old", "alice", true, List.of("main"))));
    testbed = new Testbed(config, clock);
    return testbed.startOnLoopback();
  }

  @AfterEach
  void tearDown() {
    if (testbed != null) {
      testbed.close();
    }
    clock.shutdown();
  }

  private static CoderClient rest(URI url, String token) throws Exception {
    return new CoderClient(DeploymentUrl.parse(url.toString()), SessionToken.of(token), Map.of());
  }

  @Test
  @DisplayName("REST: version, user, connection info and workspaces as Coder Desktop reads them")
  void rest() throws Exception {
    URI url = start("v2.24.1");
    CoderClient c = rest(url, TOKEN);
    assertEquals("v2.24.1", c.checkVersion().toString().replaceFirst("^v?", "v"));
    Values.User me = c.me();
    assertEquals("alice", me.username());
    Values.AgentConnectionInfo info = c.agentConnectionInfo();
    assertEquals("coder", info.hostnameSuffix());
    Values.DerpNode node = info.derpMap().regions().get("999").nodes().getFirst();
    assertEquals(url.getPort(), node.derpPort());
    assertTrue(node.forceHttp());
    List<WorkspaceJson.Workspace> ws = new Workspaces(c).search("owner:me");
    assertEquals(2, ws.size());
    WorkspaceJson.Workspace dev = ws.stream().filter(w -> w.name().equals("dev")).findFirst().get();
    assertEquals("running", dev.latestBuild().status());
    assertEquals(1, dev.agents().size());
  }

  @Test
  @DisplayName("STUN: the map's STUN region answers a tailnet binding request with our address")
  void stun() throws Exception {
    URI url = start("v2.24.1");
    Values.AgentConnectionInfo info = rest(url, TOKEN).agentConnectionInfo();
    assertFalse(info.disableDirectConnections());
    Values.DerpNode node = info.derpMap().regions().get("1000").nodes().getFirst();
    assertTrue(node.stunOnly());
    try (DatagramChannel udp = DatagramChannel.open()) {
      udp.bind(new InetSocketAddress("127.0.0.1", 0));
      InetSocketAddress server = new InetSocketAddress(node.hostName(), node.stunPort());
      udp.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), server);
      TransactionId tx = TransactionId.random();
      udp.send(ByteBuffer.wrap(BindingRequest.encode(tx)), server);
      ByteBuffer in = ByteBuffer.allocate(1500);
      udp.receive(in);
      byte[] reply = Arrays.copyOf(in.array(), in.position());
      BindingResponse r = BindingResponse.parse(reply);
      assertEquals(tx, r.txId());
      assertEquals(udp.getLocalAddress(), r.mapped());
    }
    assertEquals(1, testbed.stun().orElseThrow().answered());
    assertEquals(1, testbed.stun().orElseThrow().dropped());
  }

  @Test
  @DisplayName("REST: an old server, a revoked token and an unknown token get typed errors")
  void refusals() throws Exception {
    URI url = start("v2.19.3");
    CoderException.UnsupportedServer old =
        assertThrows(CoderException.UnsupportedServer.class, () -> rest(url, TOKEN).checkVersion());
    assertTrue(old.getMessage().contains("2.19.3") && old.getMessage().contains("2.20.0"));
    CoderException.Unauthorized revoked =
        assertThrows(CoderException.Unauthorized.class, () -> rest(url, REVOKED).me());
    assertTrue(revoked.getMessage().contains("revoked"), revoked.getMessage());
    assertThrows(CoderException.Unauthorized.class, () -> rest(url, "nope-nope").me());
  }

  @Test
  @DisplayName("tailnet: the snapshot, the DERP map, and a delta when a workspace stops")
  void tailnet() throws Exception {
    URI url = start("v2.24.1");
    RecordingListener events = new RecordingListener();
    BlockingQueue<WorkspaceState> states = events.workspaces;
    BlockingQueue<DERPMap> maps = events.derpMaps;
    TailnetControlClient control =
        new TailnetControlClient(
            new TailnetWebSocketDialer(url, TOKEN, Map.of()),
            rest(url, TOKEN).me().id(),
            clock,
            events);
    try {
      control.start();
      WorkspaceState first = states.poll(10, TimeUnit.SECONDS);
      assertNotNull(first, "no snapshot");
      assertEquals(2, first.workspaces().size());
      assertEquals(1, first.agents().size(), "only the running workspace has an agent");
      DERPMap map = maps.poll(10, TimeUnit.SECONDS);
      assertNotNull(map);
      assertEquals(url.getPort(), map.getRegionsOrThrow(999).getNodes(0).getDerpPort());

      assertTrue(testbed.deployment().setRunning("alice", "dev", false));
      WorkspaceState after = states.poll(10, TimeUnit.SECONDS);
      assertNotNull(after, "no delta after the stop");
      assertEquals(0, after.agents().size());
    } finally {
      control.close();
    }
  }

  @Test
  @DisplayName("tailnet: a bad token is refused with the server's message")
  void tailnetRefused() throws Exception {
    URI url = start("v2.24.1");
    var e =
        assertThrows(
            dev.coderdesktop.tunnel.control.ControlRejectedException.class,
            () -> new TailnetWebSocketDialer(url, REVOKED, Map.of()).dial(null));
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("revoked"), e.getMessage());
  }

  @Test
  @DisplayName("DERP: packets relay at /derp over an HTTP upgrade and over a websocket")
  void derp() throws Exception {
    URI url = start("v2.24.1");
    URI derp = URI.create(url + "/derp");
    for (boolean websocket : new boolean[] {false, true}) {
      Key a = X25519.generatePrivateKey();
      Key b = X25519.generatePrivateKey();
      DerpInbox quiet = new DerpInbox();
      DerpInbox inbox = new DerpInbox();
      try (DerpClient ca = new DerpClient(derp, a, Map.of(), websocket, clock, quiet);
          DerpClient cb = new DerpClient(derp, b, Map.of(), websocket, clock, inbox)) {
        ca.start();
        cb.start();
        assertNotNull(quiet.logins.poll(10, TimeUnit.SECONDS));
        assertNotNull(inbox.logins.poll(10, TimeUnit.SECONDS));
        byte[] msg = ("hello " + websocket).getBytes(StandardCharsets.UTF_8);
        String got = null;
        for (int i = 0; i < 50 && got == null; i++) {
          ca.send(X25519.publicKey(b), msg, 0, msg.length);
          got = inbox.packets.poll(200, TimeUnit.MILLISECONDS);
        }
        assertEquals(X25519.publicKey(a).toBase64() + ":hello " + websocket, got);
      }
    }
  }

  @Test
  @DisplayName("a malformed request gets 400 and the server keeps serving")
  void malformed() throws Exception {
    URI url = start("v2.24.1");
    try (Socket s = new Socket("127.0.0.1", url.getPort())) {
      OutputStream out = s.getOutputStream();
      out.write("GET / HTTP/1.1\r\nno colon here\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String reply = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
      assertEquals("HTTP/1.1 400", reply);
    }
    assertEquals("alice", rest(url, TOKEN).me().username());
  }

  @Test
  @DisplayName("the admin API stops a workspace only when asked from the testbed's own host")
  void admin() throws Exception {
    URI url = start("v2.24.1");
    var res = postEmpty(URI.create(url + "/testbed/workspaces/alice/dev/stop"));
    assertEquals(200, res.statusCode(), res.body());
    assertTrue(testbed.deployment().workspace("alice", "dev").map(w -> !w.running()).orElse(false));
    var missing = postEmpty(URI.create(url + "/testbed/workspaces/alice/nope/stop"));
    assertEquals(404, missing.statusCode());
  }

  private static java.net.http.HttpResponse<String> postEmpty(URI uri) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(uri)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }
}
