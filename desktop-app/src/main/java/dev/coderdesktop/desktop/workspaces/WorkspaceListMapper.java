// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.workspaces;

import com.google.protobuf.ByteString;
import dev.coderdesktop.vpn.proto.wire.Agent;
import dev.coderdesktop.vpn.proto.wire.PeerUpdate;
import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns the service's full-state {@link PeerUpdate} (as carried in every Status) into sorted {@link
 * WorkspaceRow}s. Agents with a malformed id, an unknown workspace or no FQDN are dropped, as there
 * is nothing to copy or reach. Stateless; safe on any thread, and meant to run off the UI thread.
 */
public final class WorkspaceListMapper {

  private WorkspaceListMapper() {}

  /** The rows for {@code update} judged at {@code now}. */
  public static List<WorkspaceRow> map(PeerUpdate update, Instant now) {
    Map<UUID, Workspace> workspaces = new LinkedHashMap<>();
    for (Workspace w : update.getUpsertedWorkspacesList()) {
      uuid(w.getId()).ifPresent(id -> workspaces.put(id, w));
    }
    Map<UUID, List<AgentRow>> agents = new HashMap<>();
    for (Agent a : update.getUpsertedAgentsList()) {
      Optional<UUID> id = uuid(a.getId());
      Optional<UUID> ws = uuid(a.getWorkspaceId());
      String host = Hostnames.primary(a.getFqdnList());
      if (id.isEmpty() || ws.isEmpty() || !workspaces.containsKey(ws.get()) || host.isEmpty()) {
        continue;
      }
      AgentHealth health =
          AgentHealth.judge(
              workspaces.get(ws.get()).getStatus(),
              a.hasLastHandshake() ? a.getLastHandshake() : null,
              a.hasLastPing() ? a.getLastPing() : null,
              now);
      agents
          .computeIfAbsent(ws.get(), k -> new ArrayList<>())
          .add(
              new AgentRow(
                  id.get(),
                  a.getName(),
                  host,
                  health,
                  a.hasLastPing() && a.getLastPing().hasLatency()
                      ? Optional.of(
                          Duration.ofSeconds(
                              a.getLastPing().getLatency().getSeconds(),
                              a.getLastPing().getLatency().getNanos()))
                      : Optional.empty(),
                  a.hasLastPing() ? Optional.of(a.getLastPing().getDidP2P()) : Optional.empty()));
    }
    List<WorkspaceRow> rows = new ArrayList<>(workspaces.size());
    workspaces.forEach(
        (id, w) -> {
          List<AgentRow> list = agents.getOrDefault(id, new ArrayList<>());
          list.sort(Comparator.comparing(AgentRow::name).thenComparing(AgentRow::id));
          rows.add(new WorkspaceRow(id, w.getName(), w.getStatus(), list));
        });
    rows.sort(WorkspaceRow.ORDER);
    return rows;
  }

  private static Optional<UUID> uuid(ByteString b) {
    if (b.size() != 16) {
      return Optional.empty();
    }
    ByteBuffer buf = b.asReadOnlyByteBuffer();
    return Optional.of(new UUID(buf.getLong(), buf.getLong()));
  }
}
