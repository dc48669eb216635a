// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import static dev.coderdesktop.tunnel.time.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import dev.coderdesktop.tunnel.control.ControlConnection;
import dev.coderdesktop.tunnel.control.RecordingListener;
import dev.coderdesktop.tunnel.control.Snapshots;
import dev.coderdesktop.tunnel.control.TailnetControlClient;
import dev.coderdesktop.tunnel.control.Uuids;
import dev.coderdesktop.tunnel.control.WorkspaceState;
import dev.coderdesktop.tunnel.control.proto.Agent;
import dev.coderdesktop.tunnel.control.proto.CoordinateRequest;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.DERPMap;
import dev.coderdesktop.tunnel.control.proto.Node;
import dev.coderdesktop.tunnel.control.proto.Workspace;
import dev.coderdesktop.tunnel.control.proto.WorkspaceUpdate;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The control client against an in-process server speaking the same yamux + dRPC + protobuf. */
@Timeout(60)
class TailnetControlClientTest {

  private static final UUID OWNER = UUID.fromString("11111111-1111-4111-8111-111111111111");
  private static final UUID WS = UUID.fromString("22222222-2222-4222-8222-222222222222");
  private static final UUID AGENT = UUID.fromString("33333333-3333-4333-8333-333333333333");

  /**
   * How long a request may take to reach the server. Normally well under a second, and so is a
   * redial after a clean close (one backoff step, at most 250 ms); the bound stays below {@link
   * TailnetControlClient#DEAD_AFTER} so that a redial only the liveness watchdog could force (12-16
   * s after the last sign of life) fails the test instead of passing slowly.
   */
  private static final Duration REQUEST_BOUND =
      TailnetControlClient.DEAD_AFTER.minus(TailnetControlClient.PROBE_EVERY);

  private static CoordinateRequest awaitRequest(
      String what, BlockingQueue<CoordinateRequest> q, Predicate<CoordinateRequest> want)
      throws Exception {
    long deadline = System.nanoTime() + REQUEST_BOUND.toNanos();
    while (System.nanoTime() < deadline) {
      CoordinateRequest r = q.poll(100, TimeUnit.MILLISECONDS);
      if (r != null && want.test(r)) {
        return r;
      }
    }
    // Say where the client's threads were, so that a failure here explains itself. (The last one,
    // 2 in 63 loaded runs, was the Disconnect after close(): the client had hung up at once and the
    // server, its next write failing, dropped the session with the Disconnect still unread.)
    StringBuilder where = new StringBuilder();
    Thread.getAllStackTraces()
        .forEach(
            (t, stack) -> {
              if (t.getName().startsWith("tailnet") || t.getName().equals("control-test")) {
                where.append("\n").append(t.getName()).append(" ").append(t.getState());
                for (StackTraceElement e : stack) {
                  where.append("\n    at ").append(e);
                }
              }
            });
    fail("the server never received " + what + "; client threads:" + where);
    return null;
  }

  @Test
  @DisplayName(
      "snapshot, deltas, coordination and a reconnect that presents the resume token and resends"
          + " our state")
  void fullSession() throws Exception {
    SystemClock clock = new SystemClock("control-test");
    try (FakeTailnetServer server = new FakeTailnetServer()) {
      server.snapshot = Snapshots.oneAgent(WS, "dev", AGENT).build();
      server.derpMap =
          DERPMap.newBuilder()
              .putRegions(
                  999, DERPMap.Region.newBuilder().setRegionId(999).setRegionCode("coder").build())
              .build();
      List<String> tokensPresented = new CopyOnWriteArrayList<>();
      ControlConnection.Dialer dialer =
          token -> {
            tokensPresented.add(String.valueOf(token));
            Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
            return new ControlConnection(s.getInputStream(), s.getOutputStream(), s);
          };
      RecordingListener events = new RecordingListener();
      TailnetControlClient client = new TailnetControlClient(dialer, OWNER, clock, events);
      client.start();

      WorkspaceState first = events.workspaces.poll(10, TimeUnit.SECONDS);
      assertNotNull(first);
      assertEquals("dev", first.workspaces().get(WS).name());
      assertEquals("main", first.agents().get(AGENT).name());
      assertEquals(
          Uuids.toBytes(OWNER),
          server.updateRequests.poll(5, TimeUnit.SECONDS).getWorkspaceOwnerId());
      assertEquals(
          "coder",
          events.derpMaps.poll(5, TimeUnit.SECONDS).getRegionsOrThrow(999).getRegionCode());

      Node self =
          Node.newBuilder()
              .setId(42)
              .setKey(ByteString.copyFromUtf8("np").concat(ByteString.copyFrom(new byte[32])))
              .setPreferredDerp(999)
              .addAddresses("fd60:627a:a42b::1/128")
              .build();
      client.updateSelf(self);
      client.addTunnel(AGENT);
      awaitRequest(
          "our node",
          server.coordinateRequests,
          r -> r.hasUpdateSelf() && r.getUpdateSelf().getNode().getId() == 42);
      awaitRequest("our tunnel", server.coordinateRequests, r -> r.hasAddTunnel());

      server.coordinateResponses.add(
          PeerUpdates.response(
              PeerUpdates.node(
                  AGENT, Node.newBuilder().setId(7).setPreferredDerp(999).build(), "update")));
      CoordinateResponse.PeerUpdate pu = events.peerUpdates.poll(10, TimeUnit.SECONDS);
      assertEquals(CoordinateResponse.PeerUpdate.Kind.NODE, pu.getKind());
      assertEquals(AGENT, Uuids.fromBytes(pu.getId()));

      server.deltas.add(
          WorkspaceUpdate.newBuilder()
              .addDeletedWorkspaces(Workspace.newBuilder().setId(Uuids.toBytes(WS)))
              .addDeletedAgents(Agent.newBuilder().setId(Uuids.toBytes(AGENT)))
              .build());
      WorkspaceState after = events.workspaces.poll(10, TimeUnit.SECONDS);
      assertTrue(after.workspaces().isEmpty(), "the stopped workspace leaves the list");

      await("a resume token", () -> client.resumeToken() != null);
      String token = client.resumeToken();
      server.coordinateRequests.clear();
      server.dropAll();
      awaitRequest("our node after the redial", server.coordinateRequests, r -> r.hasUpdateSelf());
      awaitRequest("our tunnel after the redial", server.coordinateRequests, r -> r.hasAddTunnel());
      assertEquals(List.of("null", token), tokensPresented.subList(0, 2));
      assertNotNull(
          events.workspaces.poll(10, TimeUnit.SECONDS), "a fresh snapshot after reconnecting");

      client.close();
      awaitRequest(
          "the Disconnect of close()", server.coordinateRequests, CoordinateRequest::hasDisconnect);
    } finally {
      clock.shutdown();
    }
  }

  @Test
  @DisplayName("close() sends Disconnect and hangs up only once the coordinator has ended the call")
  void closeWaitsForTheCoordinator() throws Exception {
    SystemClock clock = new SystemClock("control-test");
    try (FakeTailnetServer server = new FakeTailnetServer()) {
      // The server holds the call open a while after the Disconnect, as a busy coordinator might,
      // and notes whether the client hung up meanwhile; one that does not wait does so at once.
      AtomicBoolean hungUpEarly = new AtomicBoolean();
      CountDownLatch heard = new CountDownLatch(1);
      server.onDisconnect =
          () -> {
            // 100 ms of the client's 1 s: room for a slow machine; a client that does not wait
            // hangs up within a millisecond or two.
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            while (System.nanoTime() < until && !server.anyClosed()) {
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            hungUpEarly.set(server.anyClosed());
            heard.countDown();
          };
      RecordingListener events = new RecordingListener();
      TailnetControlClient client =
          new TailnetControlClient(
              token -> {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
                return new ControlConnection(s.getInputStream(), s.getOutputStream(), s);
              },
              OWNER,
              clock,
              events);
      client.start();
      assertNotNull(events.workspaces.poll(10, TimeUnit.SECONDS), "connected");

      client.close();
      assertTrue(heard.await(10, TimeUnit.SECONDS), "the server got the Disconnect");
      assertFalse(hungUpEarly.get(), "the client hung up before the coordinator ended the call");
      await("the client to hang up", server::anyClosed);
      // The supervisor sees the connection end after the hang-up; give it time to (wrongly) report.
      Thread.sleep(500);
      assertTrue(events.disconnects.isEmpty(), "closing is no drop: " + events.disconnects);
    } finally {
      clock.shutdown();
    }
  }
}
