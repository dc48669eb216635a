// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import static dev.coderdesktop.tunnel.time.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.testbed.http.HttpClientThreads;
import dev.coderdesktop.testbed.http.TestWebSocketServer;
import dev.coderdesktop.tunnel.control.ControlRejectedException;
import dev.coderdesktop.tunnel.control.RecordingListener;
import dev.coderdesktop.tunnel.control.Snapshots;
import dev.coderdesktop.tunnel.control.TailnetControlClient;
import dev.coderdesktop.tunnel.control.TailnetWebSocketDialer;
import dev.coderdesktop.tunnel.control.WorkspaceState;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The production dialer: the tailnet API over a real websocket. */
@Timeout(60)
class WebSocketDialerTest {

  @Test
  @DisplayName("the control client runs over a websocket to /api/v2/tailnet?version=2.3")
  void overWebSocket() throws Exception {
    SystemClock clock = new SystemClock("ws-test");
    try (FakeTailnetServer tailnet = new FakeTailnetServer();
        TestWebSocketServer ws = new TestWebSocketServer(tailnet::serve)) {
      UUID wsId = UUID.randomUUID();
      UUID agentId = UUID.randomUUID();
      tailnet.snapshot = Snapshots.oneAgent(wsId, "box", agentId).build();
      RecordingListener events = new RecordingListener();
      BlockingQueue<WorkspaceState> states = events.workspaces;
      java.util.Set<String> before = HttpClientThreads.selectors();
      TailnetControlClient client =
          new TailnetControlClient(
              new TailnetWebSocketDialer(
                  URI.create("http://127.0.0.1:" + ws.port()),
                  TestWebSocketServer.TOKEN,
                  Map.of("X-Extra", "1")),
              UUID.randomUUID(),
              clock,
              events);
      client.start();
      WorkspaceState s = states.poll(15, TimeUnit.SECONDS);
      assertNotNull(s);
      assertEquals("main", s.agents().get(agentId).name());
      assertEquals(
          "GET /api/v2/tailnet?version=2.3 HTTP/1.1 upgrade=websocket", ws.requestLines.get(0));
      java.util.Set<String> made = HttpClientThreads.since(before);
      assertFalse(made.isEmpty(), "the dialer's HTTP client has a selector thread");
      client.close();
      // A session's end shuts its HTTP client down rather than leaving it for a GC.
      await(
          "the dialer's HTTP client ends",
          () -> java.util.Collections.disjoint(HttpClientThreads.selectors(), made));
    } finally {
      clock.shutdown();
    }
  }

  @Test
  @DisplayName("a bad token is a permanent refusal whose message names the status, not the token")
  void badToken() throws Exception {
    try (TestWebSocketServer ws = new TestWebSocketServer((in, out) -> {})) {
      String wrong = "wrong-token-value-xyz";
      TailnetWebSocketDialer d =
          new TailnetWebSocketDialer(URI.create("http://127.0.0.1:" + ws.port()), wrong, Map.of());
      ControlRejectedException e = assertThrows(ControlRejectedException.class, () -> d.dial(null));
      assertEquals(401, e.status());
      assertTrue(e.isPermanent());
      assertFalse(e.getMessage().contains(wrong));
    }
  }
}
