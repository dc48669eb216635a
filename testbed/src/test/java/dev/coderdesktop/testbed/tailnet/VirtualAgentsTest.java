// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.testbed.config.NetworkShape;
import dev.coderdesktop.testbed.config.TestbedConfig;
import dev.coderdesktop.testbed.deployment.Deployment;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.control.Uuids;
import dev.coderdesktop.tunnel.control.proto.CoordinateRequest;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse.PeerUpdate.Kind;
import dev.coderdesktop.tunnel.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Agents that exist only in the coordinator and the feed. */
class VirtualAgentsTest {

  private final Deployment deployment =
      new Deployment(
          new TestbedConfig(
              null,
              null,
              false,
              List.of(new TestbedConfig.UserSpec("alice", List.of("t-1"), List.of())),
              List.of(
                  new TestbedConfig.WorkspaceSpec("real", "alice", false, List.of("main")),
                  new TestbedConfig.WorkspaceSpec(
                      "v1",
                      "alice",
                      false,
                      List.of("main"),
                      Map.of("main", NetworkShape.VIRTUAL),
                      List.of()),
                  new TestbedConfig.WorkspaceSpec(
                      "v2",
                      "alice",
                      true,
                      List.of("main"),
                      Map.of("main", NetworkShape.VIRTUAL),
                      List.of()))));
  private final Coordinator coordinator = new Coordinator();
  private final VirtualAgents agents =
      new VirtualAgents(deployment, coordinator, new VirtualClock());

  private UUID agentOf(String workspace) {
    return deployment.workspace("alice", workspace).orElseThrow().agents().getFirst().id();
  }

  @Test
  @DisplayName("only running workspaces' virtual agents join, each with a node for its address")
  void runningVirtualAgentsPublishNodes() {
    agents.start();
    assertEquals(1, agents.size());
    assertTrue(coordinator.connected().contains(agentOf("v1")));
    assertFalse(coordinator.connected().contains(agentOf("real")), "real agents run in the fleet");

    List<CoordinateResponse> toClient = new ArrayList<>();
    Coordinator.Peer client = coordinator.connect(UUID.randomUUID(), toClient::add);
    client.handle(
        CoordinateRequest.newBuilder()
            .setAddTunnel(CoordinateRequest.Tunnel.newBuilder().setId(Uuids.toBytes(agentOf("v1"))))
            .build());
    assertEquals(1, toClient.size());
    CoordinateResponse.PeerUpdate u = toClient.getFirst().getPeerUpdates(0);
    assertEquals(Kind.NODE, u.getKind());
    String cidr = TailnetAddresses.agentAddress(agentOf("v1")).getHostAddress() + "/128";
    assertEquals(List.of(cidr), u.getNode().getAllowedIpsList());
    assertFalse(u.getNode().getKey().isEmpty(), "a node key");
    assertFalse(u.getNode().getDisco().isEmpty(), "a disco key");
  }

  @Test
  @DisplayName("stopping and starting a workspace disconnects and reconnects its virtual agent")
  void followsWorkspaceState() {
    agents.start();
    deployment.setRunning("alice", "v1", false);
    deployment.setRunning("alice", "v2", true);
    assertEquals(1, agents.size());
    assertFalse(coordinator.connected().contains(agentOf("v1")));
    assertTrue(coordinator.connected().contains(agentOf("v2")));
  }
}
