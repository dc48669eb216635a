// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import dev.coderdesktop.tunnel.control.proto.Agent;
import dev.coderdesktop.tunnel.control.proto.Workspace;
import dev.coderdesktop.tunnel.control.proto.WorkspaceUpdate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The user's workspaces and agents as the WorkspaceUpdates stream describes them. Immutable: {@link
 * #apply} returns a new state. The first update after each (re)connection is a snapshot that
 * replaces everything ({@link #EMPTY}{@code .apply(first)}).
 *
 * @param workspaces by id
 * @param agents by id
 */
public record WorkspaceState(Map<UUID, WorkspaceInfo> workspaces, Map<UUID, AgentInfo> agents) {

  /** No workspaces. */
  public static final WorkspaceState EMPTY = new WorkspaceState(Map.of(), Map.of());

  /** Copies. */
  public WorkspaceState {
    workspaces = Map.copyOf(workspaces);
    agents = Map.copyOf(agents);
  }

  /**
   * A workspace.
   *
   * @param id its id
   * @param name its name
   * @param status its build status
   */
  public record WorkspaceInfo(UUID id, String name, Workspace.Status status) {}

  /**
   * An agent.
   *
   * @param id its id (which also gives its tailnet address)
   * @param name its name
   * @param workspaceId the workspace it belongs to
   */
  public record AgentInfo(UUID id, String name, UUID workspaceId) {}

  /**
   * Applies an update in Coder's order: upsert workspaces, delete agents, delete workspaces, upsert
   * agents. Entries with malformed ids are skipped.
   */
  public WorkspaceState apply(WorkspaceUpdate u) {
    Map<UUID, WorkspaceInfo> ws = new LinkedHashMap<>(workspaces);
    Map<UUID, AgentInfo> as = new LinkedHashMap<>(agents);
    for (Workspace w : u.getUpsertedWorkspacesList()) {
      UUID id = id(w.getId());
      if (id != null) {
        ws.put(id, new WorkspaceInfo(id, w.getName(), w.getStatus()));
      }
    }
    for (Agent a : u.getDeletedAgentsList()) {
      UUID id = id(a.getId());
      if (id != null) {
        as.remove(id);
      }
    }
    for (Workspace w : u.getDeletedWorkspacesList()) {
      UUID id = id(w.getId());
      if (id != null) {
        ws.remove(id);
        as.values().removeIf(a -> a.workspaceId().equals(id));
      }
    }
    for (Agent a : u.getUpsertedAgentsList()) {
      UUID id = id(a.getId());
      UUID wid = id(a.getWorkspaceId());
      if (id != null && wid != null) {
        as.put(id, new AgentInfo(id, a.getName(), wid));
      }
    }
    return new WorkspaceState(ws, as);
  }

  /** The agents of {@code workspaceId}, by name. */
  public List<AgentInfo> agentsOf(UUID workspaceId) {
    return agents.values().stream()
        .filter(a -> a.workspaceId().equals(workspaceId))
        .sorted(Comparator.comparing(AgentInfo::name))
        .toList();
  }

  private static UUID id(com.google.protobuf.ByteString b) {
    try {
      return Uuids.fromBytes(b);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
