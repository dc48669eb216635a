// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coderdesktop.testbed.derp.DerpServer;
import dev.coderdesktop.testbed.http.TestWebSocketServer;
import dev.coderdesktop.testbed.tailnet.FakeTailnetServer;
import dev.coderdesktop.testbed.tailnet.PeerUpdates;
import dev.coderdesktop.tunnel.connect.AgentPing;
import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.tunnel.connect.CoderConnect;
import dev.coderdesktop.tunnel.connect.ConnectConfig;
import dev.coderdesktop.tunnel.connect.ConnectListener;
import dev.coderdesktop.tunnel.connect.DerpSettings;
import dev.coderdesktop.tunnel.connect.NodeKeys;
import dev.coderdesktop.tunnel.control.Snapshots;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.control.Uuids;
import dev.coderdesktop.tunnel.control.proto.CoordinateRequest;
import dev.coderdesktop.tunnel.control.proto.Node;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpBind;
import dev.coderdesktop.tunnel.derp.DerpEndpoint;
import dev.coderdesktop.tunnel.disco.DiscoHandler;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.tun.ChannelTun;
import dev.coderdesktop.tunnel.wireguard.Device;
import dev.coderdesktop.tunnel.wireguard.WireGuardTimings;
import dev.coderdesktop.tunnel.wireguard.config.Config;
import dev.coderdesktop.tunnel.wireguard.config.IpPrefix;
import dev.coderdesktop.tunnel.wireguard.config.PeerConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole engine in one process: the tailnet API over a websocket, a DERP relay, and a fake agent
 * (a WireGuard device on the relay) programmed from what the coordinator received.
 */
@Timeout(60)
class CoderConnectTest {

  /**
   * The server half of one test, on a timer clock of its own: the tailnet API on a websocket and a
   * DERP relay on loopback, serving one running workspace "dev" with one agent, {@link #agentId}.
   */
  private static final class Deployment implements AutoCloseable {
    final SystemClock clock;
    final UUID agentId = UUID.randomUUID();
    final FakeTailnetServer tailnet = new FakeTailnetServer();
    final TestWebSocketServer ws;
    final DerpServer relay;
    final URI derpUrl;

    Deployment(String clockName) throws Exception {
      clock = new SystemClock(clockName);
      tailnet.snapshot = Snapshots.oneAgent(UUID.randomUUID(), "dev", agentId).build();
      ws = new TestWebSocketServer(tailnet::serve);
      relay = new DerpServer(X25519.generatePrivateKey(), clock);
      int derpPort = relay.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      derpUrl = URI.create("http://127.0.0.1:" + derpPort + "/derp");
    }

    /** The agent's node with {@code agentKey} as node key, homed on region 999 (the relay). */
    Node.Builder agentNode(Key agentKey) {
      return Node.newBuilder()
          .setId(5)
          .setKey(NodeKeys.encodeNodeKey(X25519.publicKey(agentKey)))
          .setPreferredDerp(999)
          .addAllowedIps(TailnetAddresses.agentAddress(agentId).getHostAddress() + "/128");
    }

    /** The coordinator tells our client the agent's node and that it waits for our handshake. */
    void agentReady(Node node) {
      tailnet.coordinateResponses.add(
          PeerUpdates.response(
              PeerUpdates.node(agentId, node, "update"), PeerUpdates.readyForHandshake(agentId)));
    }

    /** Our engine's configuration for this deployment (region 999 is the relay). */
    ConnectConfig config(UUID owner) {
      return new ConnectConfig(
          URI.create("http://127.0.0.1:" + ws.port()),
          TestWebSocketServer.TOKEN,
          Map.of(),
          owner,
          "alice",
          "coder",
          DerpSettings.home(derpUrl, 999, false));
    }

    @Override
    public void close() throws Exception {
      try {
        relay.close();
        ws.close();
        tailnet.close();
      } finally {
        clock.shutdown();
      }
    }
  }

  @Test
  @DisplayName("the engine lists the agent, handshakes over DERP and carries packets both ways")
  void engineEndToEnd() throws Exception {
    UUID owner = UUID.randomUUID();
    try (Deployment d = new Deployment("connect-test")) {

      BlockingQueue<List<AgentView>> views = new LinkedBlockingQueue<>();
      ChannelTun clientTun = new ChannelTun("client", 1280);
      CoderConnect engine =
          new CoderConnect(d.config(owner), clientTun, d.clock, (ConnectListener) views::add);
      engine.start();

      // The coordinator learns our node and that we want a tunnel to the agent.
      Node ours = null;
      boolean tunnelAsked = false;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while ((ours == null || !tunnelAsked) && System.nanoTime() < deadline) {
        CoordinateRequest r = d.tailnet.coordinateRequests.poll(100, TimeUnit.MILLISECONDS);
        if (r != null && r.hasUpdateSelf()) {
          ours = r.getUpdateSelf().getNode();
        }
        if (r != null && r.hasAddTunnel()) {
          assertEquals(d.agentId, Uuids.fromBytes(r.getAddTunnel().getId()));
          tunnelAsked = true;
        }
      }
      if (ours == null || !tunnelAsked) {
        fail("the coordinator never got our node and tunnel request");
      }
      assertEquals(999, ours.getPreferredDerp());
      assertTrue(ours.getAddresses(0).startsWith("fd60:627a:a42b:"), ours.getAddresses(0));

      // A fake agent: a WireGuard device on the same relay, with our node as its peer.
      Key agentPriv = X25519.generatePrivateKey();
      Inet6Address agentIp = TailnetAddresses.agentAddress(d.agentId);
      Key ourKey = NodeKeys.decodeNodeKey(ours.getKey());
      ChannelTun agentTun = new ChannelTun("agent", 1280);
      DerpBind agentBind = new DerpBind(d.derpUrl, agentPriv, Map.of(), d.clock);
      Key agentDiscoPriv = X25519.generatePrivateKey();
      DiscoHandler agentDisco =
          new DiscoHandler(
              agentDiscoPriv,
              X25519.publicKey(agentPriv),
              999,
              (to, p) -> agentBind.client().send(to, p, 0, p.length),
              d.clock);
      agentBind.setDiscoHandler(agentDisco::onDerpPacket);
      agentDisco.setPeer(ourKey, NodeKeys.decodeDiscoKey(ours.getDisco()));
      Device agent =
          new Device(
              new Config(
                  agentPriv,
                  0,
                  List.of(),
                  List.of(
                      new PeerConfig(
                          ourKey,
                          null,
                          List.of(IpPrefix.parse(ours.getAddresses(0))),
                          new DerpEndpoint(ourKey),
                          Duration.ZERO))),
              agentTun,
              agentBind,
              d.clock,
              WireGuardTimings.standard());
      agent.start();
      d.agentReady(
          d.agentNode(agentPriv)
              .setDisco(NodeKeys.encodeDiscoKey(X25519.publicKey(agentDiscoPriv)))
              .build());

      AgentView view = null;
      while (System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(15)) {
        List<AgentView> v = views.poll(200, TimeUnit.MILLISECONDS);
        if (v != null && !v.isEmpty() && v.get(0).lastHandshakeNanos() >= 0) {
          view = v.get(0);
          break;
        }
      }
      if (view == null) {
        fail("no handshake with the agent was reported");
      }
      assertEquals("dev.coder", view.hostnames().get(0));
      assertEquals(agentIp, view.address());

      byte[] ping = ipv6(engine.address(), agentIp, "echo request");
      clientTun.inject(ping);
      assertArrayEquals(ping, agentTun.take(Duration.ofSeconds(10)));
      byte[] pong = ipv6(agentIp, engine.address(), "echo reply");
      agentTun.inject(pong);
      assertArrayEquals(pong, clientTun.take(Duration.ofSeconds(10)));

      // The agent's disco pings over DERP are answered (what `coder ping` relies on).
      DiscoHandler.PingResult fromAgent = agentDisco.ping(ourKey).get(10, TimeUnit.SECONDS);
      assertEquals(999, fromAgent.derpRegion());
      assertFalse(fromAgent.direct());

      // Our own periodic pings give the agent a latency through region 999.
      AgentPing last = null;
      long pingDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (last == null && System.nanoTime() < pingDeadline) {
        List<AgentView> v = views.poll(200, TimeUnit.MILLISECONDS);
        if (v != null && !v.isEmpty()) {
          last = v.get(0).lastPing();
        }
      }
      if (last == null) {
        fail("no ping result was reported for the agent");
      }
      assertFalse(last.p2p());
      assertEquals(999, last.derpRegionId());
      assertEquals("Unnamed 999", last.derpRegionName());
      assertTrue(last.latency().compareTo(Duration.ZERO) > 0);
      assertTrue(agentDisco.pingsAnswered() >= 1);

      agent.close();
      engine.close();
    }
  }

  @Test
  @DisplayName(
      "first reach: true once every agent of the first update has a peer, false if one never does")
  void firstReach() throws Exception {
    try (Deployment d = new Deployment("connect-test-reach")) {
      // The coordinator's answers wait in its queue and go out as the call opens, so the gate
      // does not depend on how fast this thread gets to them.
      d.agentReady(d.agentNode(X25519.generatePrivateKey()).build());
      // What the service's DNS table would hold: the last list published.
      AtomicReference<List<AgentView>> published = new AtomicReference<>(List.of());
      CoderConnect engine =
          new CoderConnect(
              d.config(UUID.randomUUID()), new ChannelTun("client", 1280), d.clock, published::set);
      // A long wait, so only reaching could complete it (a 1 ms one could time out first on a
      // loaded machine and make the check flaky).
      assertFalse(engine.firstReach(Duration.ofSeconds(20)).isDone(), "reached before it started");
      engine.start();
      assertTrue(
          engine.firstReach(Duration.ofSeconds(20)).get(30, TimeUnit.SECONDS),
          "the agent's peer was programmed");
      assertEquals(1, published.get().size(), "its name was published before the Start answers");
      assertEquals(1, engine.agents().size());
      engine.close();
    }
    try (Deployment d = new Deployment("connect-test-no-reach")) {
      // An agent that is offline: the coordinator never sends its node.
      CoderConnect engine =
          new CoderConnect(
              d.config(UUID.randomUUID()), new ChannelTun("client", 1280), d.clock, v -> {});
      engine.start();
      assertFalse(
          engine.firstReach(Duration.ofSeconds(2)).get(30, TimeUnit.SECONDS),
          "the engine stopped waiting");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (engine.agents().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(1, engine.agents().size(), "the agent is listed all the same");
      engine.close();
    }
    try (Deployment d = new Deployment("connect-test-closed")) {
      CoderConnect engine =
          new CoderConnect(
              d.config(UUID.randomUUID()), new ChannelTun("client", 1280), d.clock, v -> {});
      engine.start();
      engine.close();
      assertFalse(
          engine.firstReach(Duration.ofSeconds(20)).getNow(true),
          "a closed engine is not waited for");
    }
  }

  @Test
  @DisplayName("repeated node updates keep one retry chain: one initiation per second, no twins")
  void repeatedNodeUpdatesDoNotDoubleTheRetries() throws Exception {
    try (Deployment d = new Deployment("connect-test-retries")) {
      // A silent agent: it is logged in to the relay and counts the initiations it receives,
      // with their arrival times, but never answers.
      Key agentPriv = X25519.generatePrivateKey();
      List<Long> initiations = new java.util.concurrent.CopyOnWriteArrayList<>();
      dev.coderdesktop.tunnel.derp.DerpClient silent =
          new dev.coderdesktop.tunnel.derp.DerpClient(
              d.derpUrl,
              agentPriv,
              Map.of(),
              d.clock,
              (source, packet) -> {
                if (packet.length == 148 && packet[0] == 1) {
                  initiations.add(System.nanoTime());
                }
              });
      silent.start();
      CoderConnect engine =
          new CoderConnect(
              d.config(UUID.randomUUID()), new ChannelTun("client", 1280), d.clock, v -> {});
      engine.start();
      Node agentNode = d.agentNode(agentPriv).build();
      // As a real agent does: its node, ready, then its node again (its endpoints changed).
      d.agentReady(agentNode);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (initiations.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertFalse(initiations.isEmpty(), "the engine never sent an initiation");
      d.tailnet.coordinateResponses.add(
          PeerUpdates.response(
              PeerUpdates.node(d.agentId, agentNode.toBuilder().setId(6).build(), "update")));
      Thread.sleep(3_500);
      // The first initiation, then retries after 0.2, 0.4, 0.8 and 1.6 s (five within 3.5 s,
      // allowing for scheduling); a second retry chain would double that, and send its twins
      // within milliseconds of each other, which the agent would take for replays.
      assertTrue(
          initiations.size() >= 4 && initiations.size() <= 6,
          "initiations in 3.5 s: " + initiations.size());
      for (int k = 1; k < initiations.size(); k++) {
        long gapMs = (initiations.get(k) - initiations.get(k - 1)) / 1_000_000;
        assertTrue(gapMs > 150, "two initiations " + gapMs + " ms apart");
      }
      engine.close();
      silent.close();
    }
  }

  private static byte[] ipv6(InetAddress src, InetAddress dst, String text) {
    byte[] payload = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
    b.putInt(0x60000000).putShort((short) payload.length).put((byte) 17).put((byte) 64);
    b.put(src.getAddress()).put(dst.getAddress());
    return b.put(payload).array();
  }
}
