// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.derp;

import static dev.coderdesktop.tunnel.time.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpClient;
import dev.coderdesktop.tunnel.derp.Frame;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.transport.HttpUpgrade;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Clients and the relay on loopback. */
@Timeout(30)
class DerpRelayTest {

  private final SystemClock clock = new SystemClock("test-timers");
  private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
  private DerpServer server;
  private int port;

  @BeforeEach
  void setUp() throws IOException {
    server = new DerpServer(X25519.generatePrivateKey(), clock);
    port = server.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    server.close();
    clock.shutdown();
  }

  private DerpClient client(Key priv, DerpInbox inbox) {
    DerpClient c =
        new DerpClient(
            URI.create("http://127.0.0.1:" + port + "/derp"), priv, Map.of(), clock, inbox);
    toClose.add(c);
    c.start();
    return c;
  }

  /** Two clients of the relay (logging in), a and b, each with its inbox. */
  private record Two(Key a, Key b, DerpInbox ia, DerpInbox ib, DerpClient ca, DerpClient cb) {}

  private Two two() throws Exception {
    Key a = X25519.generatePrivateKey();
    Key b = X25519.generatePrivateKey();
    DerpInbox ia = new DerpInbox();
    DerpInbox ib = new DerpInbox();
    return new Two(a, b, ia, ib, client(a, ia), client(b, ib));
  }

  @Test
  @DisplayName("two clients exchange packets through the relay, stamped with the sender's key")
  void relay() throws Exception {
    Two two = two();
    await(
        "both logged in",
        () -> two.ia().connected() && two.ib().connected() && server.clientCount() == 2);
    assertEquals(server.publicKey(), two.ca().serverKey());
    byte[] hello = "hello b".getBytes(StandardCharsets.UTF_8);
    assertTrue(two.ca().send(X25519.publicKey(two.b()), hello, 0, hello.length));
    assertEquals(
        X25519.publicKey(two.a()).toBase64() + ":hello b",
        two.ib().packets.poll(5, TimeUnit.SECONDS));
    byte[] back = "hi a".getBytes(StandardCharsets.UTF_8);
    two.cb().send(X25519.publicKey(two.a()), back, 0, back.length);
    assertEquals(
        X25519.publicKey(two.b()).toBase64() + ":hi a", two.ia().packets.poll(5, TimeUnit.SECONDS));
  }

  @Test
  @DisplayName("a client that leaves is reported gone to those it talked to")
  void peerGone() throws Exception {
    Two two = two();
    await("both logged in", () -> two.ia().connected() && two.ib().connected());
    byte[] p = {1};
    two.ca().send(X25519.publicKey(two.b()), p, 0, 1);
    assertNotNull(two.ib().packets.poll(5, TimeUnit.SECONDS));
    two.ca().close();
    assertEquals(X25519.publicKey(two.a()), two.ib().gone.poll(5, TimeUnit.SECONDS));
  }

  @Test
  @DisplayName("a ping to the relay measures a round trip")
  void ping() throws Exception {
    DerpInbox i = new DerpInbox();
    DerpClient c = client(X25519.generatePrivateKey(), i);
    await("logged in", () -> i.connected());
    Duration rtt = c.ping().get(5, TimeUnit.SECONDS);
    assertTrue(rtt.compareTo(Duration.ofSeconds(5)) < 0, rtt.toString());
  }

  @Test
  @DisplayName("the client reconnects after the relay restarts")
  void reconnect() throws Exception {
    Two two = two();
    await("both logged in", () -> server.clientCount() == 2);
    server.close();
    await("the clients notice", () -> !two.ca().isConnected());
    server = new DerpServer(X25519.generatePrivateKey(), clock);
    listenAgain(server, port);
    await("both back", () -> server.clientCount() == 2 && two.ca().isConnected());
    byte[] p = "again".getBytes(StandardCharsets.UTF_8);
    two.ca().send(X25519.publicKey(two.b()), p, 0, p.length);
    assertEquals(
        X25519.publicKey(two.a()).toBase64() + ":again",
        two.ib().packets.poll(5, TimeUnit.SECONDS));
  }

  /**
   * Takes the old port back. A client redialling the free port can be handed that port as its own
   * source port and connect to itself, holding it until it gives up; so a bind can fail briefly.
   */
  private static void listenAgain(DerpServer s, int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      try {
        s.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return;
      } catch (java.net.BindException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  @Test
  @DisplayName("garbage after the upgrade closes only that connection")
  void garbageClosesOnlyThatConnection() throws Exception {
    DerpInbox ia = new DerpInbox();
    Key a = X25519.generatePrivateKey();
    DerpClient ca = client(a, ia);
    await("logged in", () -> ia.connected());
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(
          "GET /derp HTTP/1.1\r\nHost: x\r\nUpgrade: DERP\r\nConnection: Upgrade\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      HttpUpgrade head = HttpUpgrade.read(in);
      assertEquals(101, head.status());
      Frame.read(new DataInputStream(in), 1024);
      out.write(new byte[] {2, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
      out.flush();
      assertEquals(-1, in.read(), "the relay hangs up on a bad frame");
    }
    await("the bad connection counted", () -> server.malformedConnections() == 1);
    Duration rtt = ca.ping().get(5, TimeUnit.SECONDS);
    assertNotNull(rtt);
  }

  @Test
  @DisplayName("a request without Upgrade: DERP gets 426")
  void notAnUpgrade() throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream()
          .write("GET /derp HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      assertEquals(426, HttpUpgrade.read(s.getInputStream()).status());
    }
  }

  @Test
  @DisplayName("random bytes into the frame reader only ever raise IOException")
  void fuzzFrames() {
    java.util.Random rnd = new java.util.Random(5);
    for (int i = 0; i < 5000; i++) {
      byte[] junk = new byte[rnd.nextInt(64)];
      rnd.nextBytes(junk);
      try {
        InputStream in = new java.io.ByteArrayInputStream(junk);
        while (true) {
          Frame.read(new DataInputStream(in), 1024);
        }
      } catch (IOException expected) {
        // EOF or a protocol error: the only permitted outcomes.
      }
    }
    byte[] keyOnly = new byte[] {1, 0, 0, 0, 3, 'a', 'b', 'c'};
    try {
      Frame f = Frame.read(new DataInputStream(new java.io.ByteArrayInputStream(keyOnly)), 1024);
      assertArrayEquals(new byte[] {'a', 'b', 'c'}, f.payload());
    } catch (IOException e) {
      fail(e);
    }
  }
}
