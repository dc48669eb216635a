// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import static dev.coderdesktop.tunnel.time.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.time.VirtualClock;
import dev.coderdesktop.tunnel.transport.HttpUpgrade;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A relay that logs us in and then goes silent, as one behind a dead path looks. */
@Timeout(60)
class DerpLivenessTest {

  /** Answers the upgrade and the ServerKey, then reads and discards, never writing again. */
  private static final class SilentRelay implements AutoCloseable {
    final ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    final List<Socket> accepted = new CopyOnWriteArrayList<>();
    final Key key = X25519.publicKey(X25519.generatePrivateKey());
    // Whether the relay reads what it is sent (false: the client's writes fill the socket and
    // block).
    final boolean reads;

    SilentRelay() throws IOException {
      this(true);
    }

    SilentRelay(boolean reads) throws IOException {
      this.reads = reads;
      Thread.ofPlatform().daemon().name("silent-relay").start(this::serve);
    }

    private void serve() {
      try {
        while (true) {
          Socket s = listener.accept();
          accepted.add(s);
          Thread.ofPlatform().daemon().start(() -> session(s));
        }
      } catch (IOException e) {
        // closed
      }
    }

    private void session(Socket s) {
      try {
        InputStream in = new BufferedInputStream(s.getInputStream());
        HttpUpgrade.read(in);
        OutputStream out = s.getOutputStream();
        out.write(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: DERP\r\nConnection: Upgrade\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        Frame.write(out, FrameType.SERVER_KEY, Frame.MAGIC, key.bytes());
        out.flush();
        if (reads) {
          in.transferTo(OutputStream.nullOutputStream());
        } else {
          s.setReceiveBufferSize(4096);
          while (!s.isClosed()) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
          }
        }
      } catch (IOException e) {
        // the client hung up
      }
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/derp");
    }

    @Override
    public void close() throws IOException {
      listener.close();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  @DisplayName("a relay that goes silent is dropped within 16 s (not 120) and redialled")
  void silentRelayIsRedialled() throws Exception {
    VirtualClock clock = new VirtualClock();
    List<String> disconnects = new CopyOnWriteArrayList<>();
    try (SilentRelay relay = new SilentRelay();
        DerpClient client =
            new DerpClient(
                relay.url(),
                X25519.generatePrivateKey(),
                Map.of(),
                clock,
                new DerpListener() {
                  @Override
                  public void onPacket(Key source, byte[] packet) {}

                  @Override
                  public void onDisconnected(String reason) {
                    disconnects.add(reason);
                  }
                })) {
      client.start();
      await("login", client::isConnected);
      clock.advance(Duration.ofSeconds(11));
      assertTrue(client.isConnected(), "still within the deadline");
      assertEquals(1, relay.accepted.size());
      clock.advance(Duration.ofSeconds(5));
      await("the silent connection to be dropped", () -> !disconnects.isEmpty());
      await("the backoff timer", () -> clock.isArmed("derp-backoff"));
      clock.advance(Duration.ofSeconds(1));
      await("a second dial", () -> relay.accepted.size() >= 2);
      await("login again", client::isConnected);
    }
  }

  @Test
  @DisplayName(
      "a writer stuck on a relay that stopped reading neither blocks closing nor outlives the"
          + " silence: the watchdog closes the socket and the writer returns")
  void stuckWriterIsReleased() throws Exception {
    VirtualClock clock = new VirtualClock();
    try (SilentRelay relay = new SilentRelay(false);
        DerpClient client =
            new DerpClient(
                relay.url(), X25519.generatePrivateKey(), Map.of(), clock, (k, p) -> {})) {
      client.start();
      await("login", client::isConnected);
      java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
      Key peer = X25519.publicKey(X25519.generatePrivateKey());
      byte[] packet = new byte[60_000];
      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (client.send(peer, packet, 0, packet.length) && client.isConnected()) {
                      sent.incrementAndGet();
                    }
                  });
      // Wait until the socket buffers are full and the writer is stuck inside a write.
      long last = -1;
      while (sent.get() != last) {
        last = sent.get();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      }
      assertTrue(writer.isAlive(), "the writer is stuck on the full socket");
      clock.advance(Duration.ofSeconds(17));
      writer.join(Duration.ofSeconds(10));
      assertTrue(!writer.isAlive(), "closing the dead connection released the writer");
      await("the backoff timer", () -> clock.isArmed("derp-backoff"));
      clock.advance(Duration.ofSeconds(1));
      await("a second dial", () -> relay.accepted.size() >= 2);
    }
  }

  @Test
  @DisplayName("reconnect() drops a live relay connection and dials again without waiting")
  void reconnectRedialsNow() throws Exception {
    VirtualClock clock = new VirtualClock();
    try (SilentRelay relay = new SilentRelay();
        DerpClient client =
            new DerpClient(
                relay.url(), X25519.generatePrivateKey(), Map.of(), clock, (k, p) -> {})) {
      client.start();
      await("login", client::isConnected);
      client.reconnect("test: network changed");
      await("a second dial without the clock moving", () -> relay.accepted.size() >= 2);
      await("login again", client::isConnected);
    }
  }
}
