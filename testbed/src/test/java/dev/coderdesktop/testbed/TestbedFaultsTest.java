// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed;

import static dev.coderdesktop.tunnel.time.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.testbed.config.TestbedConfig;
import dev.coderdesktop.testbed.derp.DerpInbox;
import dev.coderdesktop.tunnel.control.ControlRejectedException;
import dev.coderdesktop.tunnel.control.TailnetControlClient;
import dev.coderdesktop.tunnel.control.TailnetListener;
import dev.coderdesktop.tunnel.control.TailnetWebSocketDialer;
import dev.coderdesktop.tunnel.control.WorkspaceState;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpClient;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The testbed's fault switches against our own clients: revoke, server and relay restarts. */
@Timeout(60)
class TestbedFaultsTest {

  private static final String TOKEN = "0123456789-abcdefghijklmnopqrstuv";

  private final SystemClock clock = new SystemClock("testbed-faults-test");
  private final HttpClient http = HttpClient.newHttpClient();
  private Testbed testbed;
  private URI url;

  private void start() throws Exception {
    testbed = new Testbed(TestbedConfig.aliceWithOneWorkspace(TOKEN), clock);
    url = testbed.startOnLoopback();
  }

  @AfterEach
  void tearDown() {
    if (testbed != null) {
      testbed.close();
    }
    clock.shutdown();
  }

  private int post(String path, String body) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** Control events as a queue of words. */
  private static final class Events implements TailnetListener {
    final BlockingQueue<String> q = new LinkedBlockingQueue<>();

    @Override
    public void onWorkspaces(WorkspaceState state) {}

    @Override
    public void onPeerUpdate(CoordinateResponse.PeerUpdate update) {}

    @Override
    public void onConnected() {
      q.add("connected");
    }

    @Override
    public void onDisconnected(String reason) {
      q.add("disconnected");
    }

    @Override
    public void onSignInRejected(int status, String message) {
      q.add("rejected " + status);
    }

    String next() throws InterruptedException {
      String s = q.poll(15, TimeUnit.SECONDS);
      assertNotNull(s, "no control event within 15 s");
      return s;
    }

    /** The first event that is not a disconnect (redials may fail a few times first). */
    String nextBesidesDisconnects() throws InterruptedException {
      String s;
      do {
        s = next();
      } while (s.equals("disconnected"));
      return s;
    }
  }

  /** The testbed's first user's control client, started; returns once it reports connected. */
  private TailnetControlClient connectedControl(Events events) throws Exception {
    start();
    TailnetControlClient c =
        new TailnetControlClient(
            new TailnetWebSocketDialer(url, TOKEN, Map.of()),
            testbed.deployment().users().getFirst().id(),
            clock,
            events);
    c.start();
    try {
      assertEquals("connected", events.next());
    } catch (AssertionError | InterruptedException e) {
      c.close();
      throw e;
    }
    return c;
  }

  @Test
  @DisplayName("a forged resume token is refused with 401, as coderd refuses one")
  void forgedResumeToken() throws Exception {
    start();
    ControlRejectedException e =
        assertThrows(
            ControlRejectedException.class,
            () -> new TailnetWebSocketDialer(url, TOKEN, Map.of()).dial("resume-00ff"));
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("resume"), e.getMessage());
  }

  @Test
  @DisplayName("revoking the token mid-session ends in the sign-in refusal, and nothing more")
  void revokeMidSession() throws Exception {
    Events events = new Events();
    try (TailnetControlClient c = connectedControl(events)) {
      long t0 = System.nanoTime();
      assertEquals(200, post("/testbed/tokens/revoke", TOKEN));
      assertEquals("disconnected", events.next());
      assertEquals("rejected 401", events.nextBesidesDisconnects());
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "within 10 s");
      assertTrue(c.isRejected());
      assertEquals(null, events.q.poll(2, TimeUnit.SECONDS), "no retries after the refusal");
    }
  }

  @Test
  @DisplayName("a server restart cuts the control connection; it comes back on the same port")
  void serverRestart() throws Exception {
    Events events = new Events();
    try (TailnetControlClient c = connectedControl(events)) {
      await("a resume token", () -> c.resumeToken() != null);
      assertEquals(202, post("/testbed/server/restart?down_ms=1500", ""));
      assertEquals("disconnected", events.next());
      assertEquals(
          "connected",
          events.nextBesidesDisconnects(),
          "reconnected with the resume token after the restart");
      assertEquals(200, post("/testbed/workspaces/alice/dev/stop", ""));
    }
  }

  @Test
  @DisplayName("a relay restart cuts DERP clients, refuses them for a while, and they log in again")
  void relayRestart() throws Exception {
    start();
    DerpInbox inbox = new DerpInbox();
    Key serverKey = testbed.relay().publicKey();
    try (DerpClient d =
        new DerpClient(
            URI.create(url + "/derp"), X25519.generatePrivateKey(), Map.of(), clock, inbox)) {
      d.start();
      assertEquals(serverKey, inbox.logins.poll(15, TimeUnit.SECONDS));
      assertEquals(202, post("/testbed/relay/restart?down_ms=1000", ""));
      assertNotNull(inbox.disconnects.poll(15, TimeUnit.SECONDS), "cut by the restart");
      // Redials are refused while the relay is down; the login after them is the same relay's.
      assertEquals(
          serverKey,
          inbox.logins.poll(15, TimeUnit.SECONDS),
          "the same relay key after the restart");
    }
  }
}
