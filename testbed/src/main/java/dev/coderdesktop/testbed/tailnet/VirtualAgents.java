// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import com.google.protobuf.Timestamp;
import dev.coderdesktop.testbed.api.RelayAddress;
import dev.coderdesktop.testbed.config.NetworkShape;
import dev.coderdesktop.testbed.deployment.Deployment;
import dev.coderdesktop.tunnel.connect.NodeKeys;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.control.proto.CoordinateRequest;
import dev.coderdesktop.tunnel.control.proto.Node;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.time.Clock;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Agents of the {@link NetworkShape#VIRTUAL} shape: for every such agent of a running workspace, a
 * coordinator peer that published a node (fresh node and disco keys, the testbed's relay as home,
 * the agent's tailnet address) and otherwise stays silent, as an agent whose host is busy would.
 * Clients see the agent in the workspace feed, get its node and resolve its name; nothing answers
 * its WireGuard or disco packets. Stopping the workspace disconnects the peer.
 *
 * <p>Thread-safe; reconciles on every deployment change.
 */
public final class VirtualAgents {

  private final Deployment deployment;
  private final Coordinator coordinator;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  // Guarded by this.
  private final Map<UUID, Coordinator.Peer> peers = new HashMap<>();

  /** Virtual agents of {@code deployment}, registered with {@code coordinator}. */
  public VirtualAgents(Deployment deployment, Coordinator coordinator, Clock clock) {
    this.deployment = deployment;
    this.coordinator = coordinator;
    this.clock = clock;
  }

  /** Registers the virtual agents of running workspaces and follows later changes. */
  public void start() {
    reconcile();
    deployment.addListener(d -> reconcile());
  }

  /** How many virtual agents are connected to the coordinator. */
  public synchronized int size() {
    return peers.size();
  }

  private synchronized void reconcile() {
    Set<UUID> want = new HashSet<>();
    for (Deployment.Workspace w : deployment.workspaces()) {
      if (!w.running()) {
        continue;
      }
      for (Deployment.Agent a : w.agents()) {
        if (a.network() == NetworkShape.VIRTUAL) {
          want.add(a.id());
        }
      }
    }
    for (UUID id : Set.copyOf(peers.keySet())) {
      if (!want.contains(id)) {
        peers
            .remove(id)
            .handle(
                CoordinateRequest.newBuilder()
                    .setDisconnect(CoordinateRequest.Disconnect.getDefaultInstance())
                    .build());
      }
    }
    for (UUID id : want) {
      if (!peers.containsKey(id)) {
        // Responses (clients' nodes, READY_FOR_HANDSHAKE) are dropped: nobody acts on them.
        Coordinator.Peer p = coordinator.connect(id, response -> {});
        p.handle(
            CoordinateRequest.newBuilder()
                .setUpdateSelf(CoordinateRequest.UpdateSelf.newBuilder().setNode(node(id)))
                .build());
        peers.put(id, p);
      }
    }
  }

  private Node node(UUID agent) {
    String cidr = TailnetAddresses.agentAddress(agent).getHostAddress() + "/128";
    return Node.newBuilder()
        .setId(random.nextLong() & Long.MAX_VALUE)
        .setAsOf(Timestamp.newBuilder().setSeconds(clock.wallTime().getEpochSecond()))
        .setKey(NodeKeys.encodeNodeKey(X25519.publicKey(X25519.generatePrivateKey())))
        .setDisco(NodeKeys.encodeDiscoKey(X25519.publicKey(X25519.generatePrivateKey())))
        .setPreferredDerp(RelayAddress.REGION_ID)
        .addAddresses(cidr)
        .addAllowedIps(cidr)
        .build();
  }
}
