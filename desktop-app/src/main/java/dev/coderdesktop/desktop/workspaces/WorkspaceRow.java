// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.workspaces;

import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * One workspace and its agents as the tray lists it. Immutable.
 *
 * @param id the workspace's id
 * @param name the workspace's name
 * @param status the workspace's build status
 * @param agents its agents, by name
 */
public record WorkspaceRow(UUID id, String name, Workspace.Status status, List<AgentRow> agents) {

  /** Running workspaces first, then by name ignoring case, then by id for a stable order. */
  public static final Comparator<WorkspaceRow> ORDER =
      Comparator.comparing((WorkspaceRow w) -> !w.running())
          .thenComparing(w -> w.name().toLowerCase(Locale.ROOT))
          .thenComparing(WorkspaceRow::id);

  /** Validates and copies. */
  public WorkspaceRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    agents = List.copyOf(agents);
  }

  /** Whether the workspace is running. */
  public boolean running() {
    return status == Workspace.Status.RUNNING;
  }

  /** Whether the row expands to list several agents. */
  public boolean multiAgent() {
    return agents.size() > 1;
  }

  /** The worst health among its agents (a stopped or agentless workspace is judged as a whole). */
  public AgentHealth health() {
    if (agents.isEmpty()) {
      return running() ? AgentHealth.CONNECTING : AgentHealth.judge(status, null, null, null);
    }
    return agents.stream().map(AgentRow::health).max(Comparator.naturalOrder()).orElseThrow();
  }

  /** The dot shown beside the workspace. */
  public StatusDot dot() {
    return health().dot();
  }

  /** The hostname of its first agent, or empty if it has none. */
  public String hostname() {
    return agents.isEmpty() ? "" : agents.get(0).hostname();
  }
}
