// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.connect.AgentPing;
import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.control.proto.Workspace;
import dev.coderdesktop.vpn.proto.Framing;
import dev.coderdesktop.vpn.proto.wire.ClientMessage;
import dev.coderdesktop.vpn.proto.wire.ServiceMessage;
import dev.coderdesktop.vpn.proto.wire.StartRequest;
import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.proto.wire.StatusRequest;
import dev.coderdesktop.vpn.proto.wire.StopRequest;
import dev.coderdesktop.vpn.proto.wire.WakeRequest;
import dev.coderdesktop.vpn.service.dns.ResolverMode;
import dev.coderdesktop.vpn.service.dns.SystemResolver;
import dev.coderdesktop.vpn.service.session.Session;
import dev.coderdesktop.vpn.service.session.SignInException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The service's handlers on a real Unix socket in a temp dir, with a fake session. */
@Timeout(30)
class VpnServiceTest {

  private static final UUID WS = UUID.randomUUID();
  private static final UUID AGENT = UUID.randomUUID();

  private Path dir;
  private LocalSocketServer server;
  private final AtomicInteger opened = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile String refuseWith;
  private volatile Consumer<List<AgentView>> pushAgents;
  private volatile Session.Listener listener;
  private volatile RuntimeException throwOnOpen;
  private volatile RuntimeException throwOnClose;
  private volatile String sessionWarning = "";
  private volatile SystemResolver.Applied sessionDns;
  private final AtomicInteger closed = new AtomicInteger();
  private final AtomicInteger rebinds = new AtomicInteger();
  private final MemoryStore store = new MemoryStore();
  private TestClock clock;
  private VpnService service;
  private final List<AutoCloseable> clients = new ArrayList<>();

  private static AgentView agent(long handshake) {
    return new AgentView(
        AGENT,
        "main",
        WS,
        "dev",
        Workspace.Status.RUNNING,
        List.of("dev.coder", "main.dev.me.coder", "main.dev.alice.coder"),
        TailnetAddresses.agentAddress(AGENT),
        handshake,
        null);
  }

  @BeforeEach
  void start() throws IOException {
    dir = Files.createTempDirectory("cdj-svc");
    Session.Factory factory =
        (params, onAgents) -> {
          opened.incrementAndGet();
          try {
            gate.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          if (refuseWith != null) {
            throw new SignInException(SignInException.Kind.REFUSED, refuseWith);
          }
          RuntimeException boom = throwOnOpen;
          if (boom != null) {
            throw boom;
          }
          pushAgents = onAgents::onAgents;
          listener = onAgents;
          return new Session() {
            @Override
            public List<AgentView> agents() {
              return List.of(agent(-1));
            }

            @Override
            public void rebind(String reason) {
              rebinds.incrementAndGet();
            }

            @Override
            public String warning() {
              return sessionWarning;
            }

            @Override
            public Optional<SystemResolver.Applied> dns() {
              return Optional.ofNullable(sessionDns);
            }

            @Override
            public void close() {
              closed.incrementAndGet();
              RuntimeException b = throwOnClose;
              if (b != null) {
                throw b;
              }
            }
          };
        };
    clock = new TestClock();
    service = new VpnService(factory, clock, store, ClientLimits.DEFAULT);
    String me = System.getProperty("user.name");
    server =
        new LocalSocketServer(
            dir.resolve("vpn.sock"),
            "rw-rw----",
            null,
            new AccessPolicy(Set.of(me), Set.of()),
            service);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : clients) {
      c.close();
    }
    server.close();
    clock.close();
    Files.deleteIfExists(dir);
  }

  private TestClient connect() throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(dir.resolve("vpn.sock")));
    TestClient c = TestClient.over(ch);
    clients.add(c);
    return c;
  }

  private static ClientMessage startMsg() {
    return ClientMessage.newBuilder()
        .setStart(
            StartRequest.newBuilder()
                .setCoderUrl("https://coder.example.com")
                .setApiToken("tok-123"))
        .build();
  }

  private static ServiceMessage call(TestClient c, ClientMessage m) throws Exception {
    return c.speaker().request(m).get(10, TimeUnit.SECONDS);
  }

  private static Status statusOf(TestClient c) throws Exception {
    return call(c, ClientMessage.newBuilder().setStatus(StatusRequest.getDefaultInstance()).build())
        .getStatus();
  }

  @Test
  @DisplayName("status carries the session's DNS mode and note; Stop clears both")
  void dnsInStatus() throws Exception {
    sessionDns =
        new SystemResolver.Applied(ResolverMode.DIRECT, List.of(), "/etc/resolv.conf names us");
    TestClient c = connect();
    assertTrue(call(c, startMsg()).getStart().getSuccess());
    Status on = statusOf(c);
    assertEquals("direct", on.getDns().getMode());
    assertEquals("/etc/resolv.conf names us", on.getDns().getDetail());
    assertEquals("", on.getErrorMessage(), "no note when names work");
    assertEquals("https://coder.example.com", on.getDeploymentUrl(), "which deployment is on");
    call(c, ClientMessage.newBuilder().setStop(StopRequest.getDefaultInstance()).build());
    assertFalse(statusOf(c).hasDns());
    assertEquals("", statusOf(c).getDeploymentUrl());

    sessionDns = null;
    sessionWarning = "cannot point the system resolver at CoderVPN (...)";
    assertTrue(call(c, startMsg()).getStart().getSuccess());
    assertEquals(sessionWarning, statusOf(c).getErrorMessage());
    assertFalse(statusOf(c).hasDns());
    call(c, ClientMessage.newBuilder().setStop(StopRequest.getDefaultInstance()).build());
    assertEquals("", statusOf(c).getErrorMessage(), "the note goes with the session");
  }

  @Test
  @DisplayName("start, status with the agents, an identical repeat is a no-op, then stop")
  void lifecycle() throws Exception {
    TestClient c = connect();
    assertTrue(call(c, startMsg()).getStart().getSuccess());
    Status st =
        call(c, ClientMessage.newBuilder().setStatus(StatusRequest.getDefaultInstance()).build())
            .getStatus();
    assertEquals(Status.Lifecycle.STARTED, st.getLifecycle());
    var a = st.getPeerUpdate().getUpsertedAgents(0);
    assertEquals(
        List.of("dev.coder.", "main.dev.me.coder.", "main.dev.alice.coder."), a.getFqdnList());
    assertEquals(TailnetAddresses.agentAddress(AGENT).getHostAddress(), a.getIpAddrs(0));
    assertEquals("dev", st.getPeerUpdate().getUpsertedWorkspaces(0).getName());
    assertTrue(call(c, startMsg()).getStart().getSuccess());
    assertEquals(1, opened.get(), "the identical repeat did not open a second session");
    assertTrue(
        call(c, ClientMessage.newBuilder().setStop(StopRequest.getDefaultInstance()).build())
            .getStop()
            .getSuccess());
    assertEquals(
        Status.Lifecycle.STOPPED,
        call(c, ClientMessage.newBuilder().setStatus(StatusRequest.getDefaultInstance()).build())
            .getStatus()
            .getLifecycle());
  }

  @Test
  @DisplayName("a start with a new sign-in while started closes the session and opens a new one")
  void newSignInRestarts() throws Exception {
    TestClient c = connect();
    assertTrue(call(c, startMsg()).getStart().getSuccess());
    ClientMessage other =
        ClientMessage.newBuilder()
            .setStart(
                StartRequest.newBuilder()
                    .setCoderUrl("https://coder.example.com")
                    .setApiToken("tok-456"))
            .build();
    assertTrue(call(c, other).getStart().getSuccess());
    assertEquals(2, opened.get(), "the new token opened a second session");
    assertEquals(1, closed.get(), "the first session was closed before");
    assertEquals(
        Status.Lifecycle.STARTED,
        call(c, ClientMessage.newBuilder().setStatus(StatusRequest.getDefaultInstance()).build())
            .getStatus()
            .getLifecycle());
  }

  @Test
  @DisplayName("a start while another is in progress fails fast with a clear message")
  void busy() throws Exception {
    gate = new CountDownLatch(1);
    TestClient a = connect();
    TestClient b = connect();
    var first = a.speaker().request(startMsg());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (opened.get() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    var second = call(b, startMsg()).getStart();
    assertFalse(second.getSuccess());
    assertTrue(second.getErrorMessage().contains("starting"), second.getErrorMessage());
    gate.countDown();
    assertTrue(first.get(10, TimeUnit.SECONDS).getStart().getSuccess());
  }

  @Test
  @DisplayName("a refused sign-in is reported and leaves the service stopped with the error")
  void refused() throws Exception {
    refuseWith = "This deployment runs Coder v2.19.0; Coder Desktop needs v2.20.0 or later.";
    TestClient c = connect();
    var r = call(c, startMsg()).getStart();
    assertFalse(r.getSuccess());
    assertEquals(refuseWith, r.getErrorMessage());
    Status st =
        call(c, ClientMessage.newBuilder().setStatus(StatusRequest.getDefaultInstance()).build())
            .getStatus();
    assertEquals(Status.Lifecycle.STOPPED, st.getLifecycle());
    assertEquals(refuseWith, st.getErrorMessage());
  }

  private static boolean hasHandshake(ServiceMessage m) {
    var u = m.getStatus().getPeerUpdate();
    return u.getUpsertedAgentsCount() > 0 && u.getUpsertedAgents(0).hasLastHandshake();
  }

  @Test
  @DisplayName(
      "agent changes are broadcast to every client; a garbage frame closes only its sender")
  void broadcastAndIsolation() throws Exception {
    TestClient a = connect();
    TestClient b = connect();
    assertTrue(call(a, startMsg()).getStart().getSuccess());
    b.pushed().clear();
    // A third client sends garbage after the handshake.
    TestClient bad = connect();
    Framing.write(LocalSocketServer.out(bad.ch()), new byte[] {(byte) 0xff, 1, 2});
    pushAgents.accept(List.of(agent(4_000_000_000L)));
    ServiceMessage m;
    do {
      m = b.pushed().poll(5, TimeUnit.SECONDS);
    } while (m != null && !hasHandshake(m));
    assertTrue(m != null, "a status with the agent's handshake was broadcast");
    // one second before "now" on the fake clocks
    assertEquals(
        Instant.parse("2026-11-24T11:59:59Z").getEpochSecond(),
        m.getStatus().getPeerUpdate().getUpsertedAgents(0).getLastHandshake().getSeconds());
    assertEquals(
        Status.Lifecycle.STARTED,
        call(a, ClientMessage.newBuilder().setStatus(StatusRequest.getDefaultInstance()).build())
            .getStatus()
            .getLifecycle());
  }

  private static boolean hasPing(ServiceMessage m) {
    var u = m.getStatus().getPeerUpdate();
    return u.getUpsertedAgentsCount() > 0 && u.getUpsertedAgents(0).hasLastPing();
  }

  @Test
  @DisplayName("each refresh from the engine (every ping round) reaches clients with last_ping")
  void pingRefresh() throws Exception {
    TestClient c = connect();
    assertTrue(call(c, startMsg()).getStart().getSuccess());
    for (int ms : new int[] {30, 45}) {
      AgentView a = agent(4_000_000_000L);
      pushAgents.accept(
          List.of(
              new AgentView(
                  a.agentId(),
                  a.agentName(),
                  a.workspaceId(),
                  a.workspaceName(),
                  a.workspaceStatus(),
                  a.hostnames(),
                  a.address(),
                  a.lastHandshakeNanos(),
                  new AgentPing(Duration.ofMillis(ms), false, 999, "Coder", null, 0))));
      ServiceMessage m;
      do {
        m = c.pushed().poll(5, TimeUnit.SECONDS);
      } while (m != null && !hasPing(m));
      assertTrue(m != null, "a status with the ping was broadcast");
      var ping = m.getStatus().getPeerUpdate().getUpsertedAgents(0).getLastPing();
      assertEquals(ms * 1_000_000, ping.getLatency().getNanos());
      assertEquals("Coder", ping.getPreferredDerp());
    }
  }

  private static ClientMessage statusMsg() {
    return ClientMessage.newBuilder().setStatus(StatusRequest.getDefaultInstance()).build();
  }

  private static ClientMessage stopMsg() {
    return ClientMessage.newBuilder().setStop(StopRequest.getDefaultInstance()).build();
  }

  private static ClientMessage wakeMsg() {
    return ClientMessage.newBuilder().setWake(WakeRequest.getDefaultInstance()).build();
  }

  @Test
  @DisplayName(
      "a RuntimeException while starting ends STOPPED with the error, and Start works again")
  void runtimeExceptionDuringStart() throws Exception {
    throwOnOpen = new IllegalStateException("the fake broke");
    TestClient c = connect();
    var r = call(c, startMsg()).getStart();
    assertFalse(r.getSuccess());
    assertTrue(r.getErrorMessage().contains("the fake broke"), r.getErrorMessage());
    Status st = call(c, statusMsg()).getStatus();
    assertEquals(Status.Lifecycle.STOPPED, st.getLifecycle());
    assertTrue(st.getErrorMessage().contains("the fake broke"), st.getErrorMessage());
    assertTrue(call(c, stopMsg()).getStop().getSuccess(), "Stop is not refused either");
    throwOnOpen = null;
    assertTrue(call(c, startMsg()).getStart().getSuccess(), "Start works again");
    assertEquals("", call(c, statusMsg()).getStatus().getErrorMessage());
  }

  @Test
  @DisplayName("a session whose close throws still ends STOPPED, and Start works again")
  void closeThrows() throws Exception {
    TestClient c = connect();
    assertTrue(call(c, startMsg()).getStart().getSuccess());
    throwOnClose = new IllegalStateException("close broke");
    assertTrue(call(c, stopMsg()).getStop().getSuccess());
    assertEquals(Status.Lifecycle.STOPPED, call(c, statusMsg()).getStatus().getLifecycle());
    throwOnClose = null;
    assertTrue(call(c, startMsg()).getStart().getSuccess());
    assertEquals(2, opened.get());
  }

  @Test
  @DisplayName(
      "a refused token mid-session closes it, keeps the sign-in error and forgets the record")
  void fatalSignIn() throws Exception {
    TestClient c = connect();
    assertTrue(call(c, startMsg()).getStart().getSuccess());
    assertEquals("https://coder.example.com", store.saved.get().url(), "the session is recorded");
    String msg = SignInException.signedOutMessage("HTTP 401");
    listener.onFatal(msg);
    ServiceMessage m;
    do {
      m = c.pushed().poll(5, TimeUnit.SECONDS);
    } while (m != null && m.getStatus().getLifecycle() != Status.Lifecycle.STOPPED);
    assertTrue(m != null, "a STOPPED status was broadcast");
    assertEquals(msg, m.getStatus().getErrorMessage());
    assertTrue(msg.contains("Sign in again"), msg);
    assertEquals(1, closed.get(), "the session was closed");
    assertEquals(null, store.saved.get(), "the record is gone, so a restart does not retry");
    listener.onFatal(msg); // a second report of the old session changes nothing
    assertEquals(msg, call(c, statusMsg()).getStatus().getErrorMessage());
    assertTrue(call(c, startMsg()).getStart().getSuccess(), "signing in again works");
  }

  @Test
  @DisplayName("Wake re-binds a running session, at most once per 5 s, and fails when stopped")
  void wake() throws Exception {
    TestClient c = connect();
    assertFalse(call(c, wakeMsg()).getWake().getSuccess(), "nothing to wake while stopped");
    assertTrue(call(c, startMsg()).getStart().getSuccess());
    assertTrue(call(c, wakeMsg()).getWake().getSuccess());
    assertTrue(call(c, wakeMsg()).getWake().getSuccess(), "a debounced wake still succeeds");
    assertEquals(1, rebinds.get());
    clock.nanos.addAndGet(VpnService.WAKE_DEBOUNCE.toNanos());
    assertTrue(call(c, wakeMsg()).getWake().getSuccess());
    assertEquals(2, rebinds.get());
  }

  @Test
  @DisplayName("logind's resume re-binds like a Wake, and the two share one debounce")
  void resumedFromLogind() throws Exception {
    TestClient c = connect();
    assertFalse(service.resumed("test resume"), "nothing to re-bind while stopped");
    assertTrue(call(c, startMsg()).getStart().getSuccess());
    assertTrue(service.resumed("test resume"));
    assertEquals(1, rebinds.get());
    assertTrue(call(c, wakeMsg()).getWake().getSuccess(), "the tray's Wake for the same resume");
    assertEquals(1, rebinds.get(), "one re-bind for one resume");
    clock.nanos.addAndGet(VpnService.WAKE_DEBOUNCE.toNanos());
    assertTrue(service.resumed("test resume"));
    assertEquals(2, rebinds.get());
  }

  @Test
  @DisplayName("a successful Start is recorded and a Stop forgets it")
  void record() throws Exception {
    TestClient c = connect();
    assertTrue(call(c, startMsg()).getStart().getSuccess());
    assertEquals("tok-123", store.saved.get().token());
    assertTrue(call(c, stopMsg()).getStop().getSuccess());
    assertEquals(null, store.saved.get());
  }
}
