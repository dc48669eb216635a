// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.coderdesktop.tunnel.connect.AgentPing;
import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.tunnel.path.Endpoints;
import dev.coderdesktop.vpn.proto.wire.Agent;
import dev.coderdesktop.vpn.proto.wire.LastPing;
import dev.coderdesktop.vpn.proto.wire.PeerUpdate;
import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * Turns the engine's agent list into vpn.proto's full-state PeerUpdate: FQDNs with the trailing
 * dot, shortest first, handshake times as wall-clock timestamps, and the last disco ping as {@code
 * last_ping}. Stateless.
 */
final class StatusMapper {

  private StatusMapper() {}

  static PeerUpdate peerUpdate(List<AgentView> agents, LongFunction<Instant> engineTimeToWall) {
    PeerUpdate.Builder u = PeerUpdate.newBuilder();
    Map<UUID, Workspace> workspaces = new LinkedHashMap<>();
    for (AgentView a : agents) {
      workspaces.computeIfAbsent(
          a.workspaceId(),
          id ->
              Workspace.newBuilder()
                  .setId(bytes(id))
                  .setName(a.workspaceName())
                  .setStatus(Workspace.Status.forNumber(a.workspaceStatus().getNumber()))
                  .build());
      Agent.Builder b =
          Agent.newBuilder()
              .setId(bytes(a.agentId()))
              .setName(a.agentName())
              .setWorkspaceId(bytes(a.workspaceId()))
              .addIpAddrs(a.address().getHostAddress());
      a.hostnames().stream()
          .sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
          .forEach(h -> b.addFqdn(h + "."));
      if (a.lastHandshakeNanos() >= 0) {
        Instant t = engineTimeToWall.apply(a.lastHandshakeNanos());
        b.setLastHandshake(
            Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()));
      }
      if (a.lastPing() != null) {
        b.setLastPing(lastPing(a.lastPing()));
      }
      u.addUpsertedAgents(b);
    }
    u.addAllUpsertedWorkspaces(workspaces.values());
    return u.build();
  }

  static LastPing lastPing(AgentPing p) {
    LastPing.Builder l =
        LastPing.newBuilder()
            .setLatency(duration(p.latency()))
            .setDidP2P(p.p2p())
            .setPreferredDerp(p.derpRegionName());
    if (p.derpLatency() != null) {
      l.setPreferredDerpLatency(duration(p.derpLatency()));
    }
    if (p.directEndpoint() != null) {
      l.setDirectEndpoint(Endpoints.format(p.directEndpoint()));
    }
    return l.build();
  }

  private static com.google.protobuf.Duration duration(Duration d) {
    return com.google.protobuf.Duration.newBuilder()
        .setSeconds(d.getSeconds())
        .setNanos(d.getNano())
        .build();
  }

  private static ByteString bytes(UUID id) {
    return ByteString.copyFrom(
        ByteBuffer.allocate(16)
            .putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits())
            .array());
  }
}
