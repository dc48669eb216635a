// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import static dev.coderdesktop.tunnel.time.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.control.ControlConnection;
import dev.coderdesktop.tunnel.control.ControlRejectedException;
import dev.coderdesktop.tunnel.control.RecordingListener;
import dev.coderdesktop.tunnel.control.TailnetControlClient;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.time.VirtualClock;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the control client survives dead, flapping and refusing servers. */
@Timeout(60)
class ControlResilienceTest {

  @Test
  @DisplayName("a server that goes silent is detected by yamux pings within 16 s and redialled")
  void silentServerIsRedialled() {
    try (SilentDials d = new SilentDials()) {
      d.clock.advance(Duration.ofSeconds(11));
      assertTrue(d.events.disconnects.isEmpty(), "still within the deadline");
      d.clock.advance(Duration.ofSeconds(5));
      await("the silent connection to be dropped", () -> !d.events.disconnects.isEmpty());
      String reason = d.events.disconnects.getFirst();
      assertTrue(reason.contains("silent"), reason);
      // The watchdog drops the connection inside advance(), and the supervisor arms its retry on
      // its own thread: when that thread wins the race, the same advance() already fired the retry
      // (its deadline lies before 16 s) and the client is on its second peer, with no retry armed.
      await(
          "the retry timer or the second dial",
          () -> d.clock.isArmed("tailnet-retry") || d.peers.size() >= 2);
      d.clock.advance(Duration.ofSeconds(1));
      await("a second dial", () -> d.peers.size() >= 2);
    }
  }

  @Test
  @DisplayName("a server that accepts and hangs up at once is redialled with growing waits")
  void flappingServerBacksOff() {
    VirtualClock clock = new VirtualClock();
    List<Long> dialedAt = new CopyOnWriteArrayList<>();
    RecordingListener events = new RecordingListener();
    SilentPeer[] current = new SilentPeer[1];
    events.onConnected = () -> current[0].hangUp();
    TailnetControlClient client =
        new TailnetControlClient(
            token -> {
              dialedAt.add(clock.nanoTime());
              current[0] = new SilentPeer();
              return current[0].connection();
            },
            SilentDials.OWNER,
            clock,
            events);
    try {
      client.start();
      for (int step = 0; step < 400; step++) { // 20 virtual seconds in 50 ms steps
        // Time moves only while the retry timer is armed: a step taken while the supervisor is
        // still between the hang-up and arming it would be time the backoff never saw.
        await(
            "the client to wait for its retry timer",
            () -> clock.isArmed("tailnet-retry") && events.disconnects.size() == dialedAt.size());
        clock.advance(Duration.ofMillis(50));
      }
    } finally {
      client.close();
    }
    // 250 ms doubling to 10 s (upper half jitter): at most 8 dials in 20 s; a count reset on every
    // successful dial would redial every 125-250 ms, some 100 times.
    assertTrue(dialedAt.size() <= 8, "dials in 20 s: " + dialedAt.size());
    assertTrue(dialedAt.size() >= 4, "dials in 20 s: " + dialedAt.size());
    long lastGap = dialedAt.get(dialedAt.size() - 1) - dialedAt.get(dialedAt.size() - 2);
    assertTrue(lastGap >= Duration.ofSeconds(1).toNanos(), "the waits grew: " + lastGap);
  }

  @Test
  @DisplayName(
      "a 401 drops the resume token and dials once afresh; a second 401 is final and reported once")
  void signInRejectedIsFinal() throws Exception {
    SystemClock clock = new SystemClock("resilience-test");
    try (FakeTailnetServer server = new FakeTailnetServer()) {
      List<String> presented = new CopyOnWriteArrayList<>();
      boolean[] revoked = {false};
      RecordingListener events = new RecordingListener();
      CountDownLatch connected = new CountDownLatch(1);
      events.onConnected = connected::countDown;
      TailnetControlClient client =
          new TailnetControlClient(
              token -> {
                presented.add(String.valueOf(token));
                if (revoked[0]) {
                  throw new ControlRejectedException(401, "the session token has been revoked");
                }
                Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
                return new ControlConnection(s.getInputStream(), s.getOutputStream(), s);
              },
              SilentDials.OWNER,
              clock,
              events);
      try {
        client.start();
        assertTrue(connected.await(10, TimeUnit.SECONDS));
        await("a resume token", () -> client.resumeToken() != null);
        String token = client.resumeToken();
        revoked[0] = true;
        server.dropAll();
        await("the rejection", () -> !events.rejections.isEmpty());
        assertEquals(List.of(401), events.rejections);
        assertEquals(List.of("null", token, "null"), presented);
        assertTrue(client.isRejected());
        // The old code redialled after 50 ms, 100 ms, ... for ever; now nothing follows.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
          Thread.yield();
        }
        assertEquals(3, presented.size(), "no dial after the final refusal: " + presented);
        assertEquals(1, events.rejections.size());
      } finally {
        client.close();
      }
    } finally {
      clock.shutdown();
    }
  }

  @Test
  @DisplayName("reconnect() drops a live connection and dials again at once")
  void reconnectRedialsNow() {
    try (SilentDials d = new SilentDials()) {
      d.client.reconnect("test: network changed");
      await("a second dial without the clock moving", () -> d.peers.size() >= 2);
      assertTrue(
          d.events.disconnects.getFirst().contains("network changed"),
          d.events.disconnects.toString());
    }
  }
}
