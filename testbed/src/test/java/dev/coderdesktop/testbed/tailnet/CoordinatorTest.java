// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.coderdesktop.tunnel.control.Uuids;
import dev.coderdesktop.tunnel.control.proto.CoordinateRequest;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse.PeerUpdate.Kind;
import dev.coderdesktop.tunnel.control.proto.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The coordinator's exchanges between a client and an agent. */
class CoordinatorTest {

  private final Coordinator coordinator = new Coordinator();
  private final UUID clientId = UUID.randomUUID();
  private final UUID agentId = UUID.randomUUID();
  private final List<CoordinateResponse> toClient = new ArrayList<>();
  private final List<CoordinateResponse> toAgent = new ArrayList<>();
  private final Coordinator.Peer client = coordinator.connect(clientId, toClient::add);
  private final Coordinator.Peer agent = coordinator.connect(agentId, toAgent::add);

  private static Node node(int id) {
    return Node.newBuilder().setId(id).setPreferredDerp(999).build();
  }

  private static CoordinateRequest self(Node n) {
    return CoordinateRequest.newBuilder()
        .setUpdateSelf(CoordinateRequest.UpdateSelf.newBuilder().setNode(n))
        .build();
  }

  private static CoordinateRequest tunnel(UUID to) {
    return CoordinateRequest.newBuilder()
        .setAddTunnel(CoordinateRequest.Tunnel.newBuilder().setId(Uuids.toBytes(to)))
        .build();
  }

  private static CoordinateResponse.PeerUpdate only(List<CoordinateResponse> l) {
    assertEquals(1, l.size(), l.toString());
    assertEquals(1, l.getFirst().getPeerUpdatesCount());
    CoordinateResponse.PeerUpdate u = l.getFirst().getPeerUpdates(0);
    l.clear();
    return u;
  }

  @Test
  @DisplayName("a tunnel hands each end the other's node, and later updates follow it")
  void nodesFlowAlongTunnels() {
    agent.handle(self(node(2)));
    assertTrue(toClient.isEmpty() && toAgent.isEmpty(), "no tunnel yet, nobody hears anything");
    client.handle(self(node(1)));
    client.handle(tunnel(agentId));
    CoordinateResponse.PeerUpdate toC = only(toClient);
    assertEquals(Kind.NODE, toC.getKind());
    assertEquals(agentId, Uuids.fromBytes(toC.getId()));
    assertEquals(2, toC.getNode().getId());
    CoordinateResponse.PeerUpdate toA = only(toAgent);
    assertEquals(clientId, Uuids.fromBytes(toA.getId()));
    assertEquals(1, toA.getNode().getId());

    agent.handle(self(node(3)));
    assertEquals(3, only(toClient).getNode().getId());
    assertTrue(coordinator.hasTunnel(clientId, agentId));
  }

  @Test
  @DisplayName("READY_FOR_HANDSHAKE is relayed only along a tunnel")
  void readyForHandshake() {
    CoordinateRequest ready =
        CoordinateRequest.newBuilder()
            .addReadyForHandshake(
                CoordinateRequest.ReadyForHandshake.newBuilder().setId(Uuids.toBytes(clientId)))
            .build();
    agent.handle(ready);
    assertTrue(toClient.isEmpty());
    assertFalse(toAgent.getFirst().getError().isEmpty(), "without a tunnel the agent is told");
    toAgent.clear();

    client.handle(tunnel(agentId));
    agent.handle(ready);
    CoordinateResponse.PeerUpdate u = only(toClient);
    assertEquals(Kind.READY_FOR_HANDSHAKE, u.getKind());
    assertEquals(agentId, Uuids.fromBytes(u.getId()));
  }

  @Test
  @DisplayName("a polite Disconnect says DISCONNECTED, a dropped connection says LOST")
  void leaving() {
    client.handle(tunnel(agentId));
    agent.lost();
    assertEquals(Kind.LOST, only(toClient).getKind());

    Coordinator.Peer again = coordinator.connect(agentId, toAgent::add);
    again.handle(self(node(5)));
    assertEquals(Kind.NODE, only(toClient).getKind());
    client.handle(
        CoordinateRequest.newBuilder()
            .setDisconnect(CoordinateRequest.Disconnect.getDefaultInstance())
            .build());
    CoordinateResponse.PeerUpdate u = only(toAgent);
    assertEquals(Kind.DISCONNECTED, u.getKind());
    assertEquals(clientId, Uuids.fromBytes(u.getId()));
    assertFalse(coordinator.connected().contains(clientId));
  }

  @Test
  @DisplayName("malformed ids and tunnels to oneself get an error, and nothing else changes")
  void badRequests() {
    client.handle(
        CoordinateRequest.newBuilder()
            .setAddTunnel(
                CoordinateRequest.Tunnel.newBuilder().setId(ByteString.copyFromUtf8("short")))
            .build());
    client.handle(tunnel(clientId));
    assertEquals(2, toClient.size());
    toClient.forEach(r -> assertFalse(r.getError().isEmpty()));
    assertTrue(toAgent.isEmpty());
  }
}
