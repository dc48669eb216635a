// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.control.proto.Workspace;
import dev.coderdesktop.vpn.proto.Framing;
import dev.coderdesktop.vpn.proto.wire.ClientMessage;
import dev.coderdesktop.vpn.proto.wire.ServiceMessage;
import dev.coderdesktop.vpn.proto.wire.StartRequest;
import dev.coderdesktop.vpn.service.session.Session;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The local socket's limits, on a real socket with the service and a fake session. */
@Timeout(60)
class ClientLimitsTest {

  private static final int MAX_CLIENTS = 4;
  private static final ClientLimits LIMITS =
      new ClientLimits(MAX_CLIENTS, Duration.ofMillis(400), 16, Duration.ofSeconds(1));

  private Path dir;
  private LocalSocketServer server;
  private TestClock clock;
  private volatile Consumer<List<AgentView>> engine;
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          warnings.add(r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() throws IOException {
    for (Class<?> c : List.of(Outbox.class, VpnService.class, LocalSocketServer.class)) {
      Logger.getLogger(c.getName()).addHandler(capture);
    }
    dir = Files.createTempDirectory("cdj-limits");
    clock = new TestClock();
    Session.Factory factory =
        (params, listener) -> {
          engine = listener::onAgents;
          return new IdleSession();
        };
    VpnService service = new VpnService(factory, clock, new MemoryStore(), LIMITS);
    server =
        new LocalSocketServer(
            dir.resolve("vpn.sock"),
            "rw-rw----",
            null,
            new AccessPolicy(Set.of(System.getProperty("user.name")), Set.of()),
            service,
            MAX_CLIENTS);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    server.close();
    clock.close();
    for (Class<?> c : List.of(Outbox.class, VpnService.class, LocalSocketServer.class)) {
      Logger.getLogger(c.getName()).removeHandler(capture);
    }
    Files.deleteIfExists(dir);
  }

  private SocketChannel raw() throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(dir.resolve("vpn.sock")));
    open.add(ch);
    return ch;
  }

  /** A raw client that handshakes and then never reads again. */
  private SocketChannel stuck() throws IOException {
    SocketChannel ch = raw();
    ch.write(ByteBuffer.wrap("codervpn client 1.3\n".getBytes(StandardCharsets.US_ASCII)));
    ByteBuffer line = ByteBuffer.allocate(64);
    while (line.position() == 0 || line.get(line.position() - 1) != '\n') {
      assertTrue(ch.read(line) > 0, "the service answers the handshake");
    }
    return ch;
  }

  private TestClient good() throws IOException {
    TestClient c = TestClient.over(raw());
    open.add(c.speaker());
    return c;
  }

  /** Reads until the service closes the connection; false if it is still open at the deadline. */
  private static boolean closedByService(SocketChannel ch, Duration within) throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    ch.configureBlocking(false);
    ByteBuffer sink = ByteBuffer.allocate(1 << 16);
    while (System.nanoTime() < deadline) {
      sink.clear();
      int n;
      try {
        n = ch.read(sink);
      } catch (IOException reset) {
        return true;
      }
      if (n < 0) {
        return true;
      }
      if (n == 0) {
        Thread.onSpinWait();
        LockSupportPause.pause();
      }
    }
    return false;
  }

  private boolean droppedLogged() {
    return warnings.stream()
        .anyMatch(w -> w.contains("stopped reading") || w.contains("fell behind"));
  }

  private static List<AgentView> agents(int n, long handshake) {
    List<AgentView> out = new ArrayList<>();
    UUID ws = new UUID(1, 1);
    for (int i = 0; i < n; i++) {
      UUID id = new UUID(2, i);
      out.add(
          new AgentView(
              id,
              "agent" + i,
              ws,
              "workspace",
              Workspace.Status.RUNNING,
              List.of("agent" + i + ".workspace.me.coder"),
              TailnetAddresses.agentAddress(id),
              handshake,
              null));
    }
    return out;
  }

  private static ClientMessage startMsg() {
    return ClientMessage.newBuilder()
        .setStart(StartRequest.newBuilder().setCoderUrl("https://c.example").setApiToken("t"))
        .build();
  }

  @Test
  @DisplayName(
      "a client that never reads delays neither the engine nor the others, and is dropped with a"
          + " log line")
  void neverReads() throws Exception {
    TestClient a = good();
    SocketChannel slow = stuck();
    assertTrue(a.speaker().request(startMsg()).get(10, TimeUnit.SECONDS).getStart().getSuccess());
    // 200 agents make a status of about 30 KB: a few fill the socket's buffer.
    long worstNanos = 0;
    long startNanos = System.nanoTime();
    for (int i = 1; i <= 300; i++) {
      long t0 = System.nanoTime();
      engine.accept(agents(200, i * 1_000_000L));
      worstNanos = Math.max(worstNanos, System.nanoTime() - t0);
    }
    long totalMs = (System.nanoTime() - startNanos) / 1_000_000;
    // A blocking write to the stuck client would hold a callback until the test's timeout; the
    // bounds are loose so that a loaded machine's scheduling pauses do not count as blocking.
    assertTrue(
        worstNanos < TimeUnit.SECONDS.toNanos(5),
        "an engine callback waited " + worstNanos / 1_000_000 + " ms");
    assertTrue(totalMs < 60_000, "300 updates took " + totalMs + " ms");
    // The reading client sees the last update.
    // The fake clock reads 5 s; update i carries a handshake at i ms, so the last one is 4.7 s old.
    ServiceMessage m;
    boolean sawLast = false;
    while (!sawLast && (m = a.pushed().poll(10, TimeUnit.SECONDS)) != null) {
      var u = m.getStatus().getPeerUpdate();
      sawLast =
          u.getUpsertedAgentsCount() == 200
              && u.getUpsertedAgents(0).getLastHandshake().getNanos() == 300_000_000;
    }
    assertTrue(sawLast, "the reading client got the updates");
    // Broadcasts go on (the engine publishes every ping round) and the client still reads nothing
    // (the socket's buffer may have taken the burst above whole): it is dropped with a log line.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (int i = 301; !droppedLogged() && System.nanoTime() < until; i++) {
      engine.accept(agents(200, i * 1_000_000L));
      LockSupportPause.pause();
    }
    assertTrue(droppedLogged(), "a log line says the stuck client was dropped: " + warnings);
    assertTrue(closedByService(slow, Duration.ofSeconds(10)), "the stuck client was disconnected");
    assertTrue(
        warnings.stream().anyMatch(w -> w.contains("stopped reading") || w.contains("fell behind")),
        "a log line says why: " + warnings);
    // The reading client is still served.
    assertTrue(
        a.speaker()
            .request(
                ClientMessage.newBuilder()
                    .setStatus(dev.coderdesktop.vpn.proto.wire.StatusRequest.getDefaultInstance())
                    .build())
            .get(10, TimeUnit.SECONDS)
            .hasStatus());
  }

  @Test
  @DisplayName("a client that sends no version line is dropped after the handshake timeout")
  void silentClient() throws Exception {
    SocketChannel ch = raw();
    long t0 = System.nanoTime();
    assertTrue(closedByService(ch, Duration.ofSeconds(10)), "the silent client was dropped");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms >= 300, "dropped after " + ms + " ms, before the 400 ms timeout");
    assertTrue(
        warnings.stream().anyMatch(w -> w.contains("sent no version line")),
        "a log line says why: " + warnings);
  }

  @Test
  @DisplayName("the client after the cap is refused at once; a freed slot is used again")
  void cap() throws Exception {
    List<TestClient> admitted = new ArrayList<>();
    for (int i = 0; i < MAX_CLIENTS; i++) {
      admitted.add(good());
    }
    SocketChannel extra = raw();
    assertTrue(closedByService(extra, Duration.ofSeconds(5)), "the extra client was refused");
    assertTrue(
        warnings.stream().anyMatch(w -> w.contains(MAX_CLIENTS + " clients are connected")),
        "a log line says why: " + warnings);
    admitted.get(0).speaker().close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    TestClient again = null;
    while (again == null && System.nanoTime() < deadline) {
      try {
        again = good();
      } catch (IOException refusedWhileTheSlotIsBusy) {
        LockSupportPause.pause();
      }
    }
    assertTrue(again != null, "a client got the freed slot");
  }

  @Test
  @DisplayName("a client message over 1 MiB ends that client's connection only")
  void oversizedClientMessage() throws Exception {
    TestClient a = good();
    SocketChannel bad = stuck();
    ByteBuffer header = ByteBuffer.allocate(4).putInt(Framing.MAX_CLIENT_MESSAGE + 1).flip();
    bad.write(header);
    assertTrue(closedByService(bad, Duration.ofSeconds(5)));
    assertEquals(
        true, a.speaker().request(startMsg()).get(10, TimeUnit.SECONDS).getStart().getSuccess());
  }
}
