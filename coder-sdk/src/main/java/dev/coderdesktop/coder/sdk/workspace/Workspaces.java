// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Finds a workspace, and one of its agents, by name. Stateless over a thread-safe client. */
public final class Workspaces {

  private final CoderClient client;

  /** Lookups through {@code client}. */
  public Workspaces(CoderClient client) {
    this.client = client;
  }

  /**
   * The workspace named {@code name}, with its latest build.
   *
   * @throws NotFoundException when the deployment has no such workspace (for this user)
   * @throws CoderException when the call fails otherwise
   */
  public WorkspaceJson.Workspace find(WorkspaceName name) throws CoderException, NotFoundException {
    try {
      return client.get(
          "/api/v2/users/"
              + encode(name.owner())
              + "/workspace/"
              + encode(name.workspace())
              + "?include_deleted=false",
          WorkspaceJson.Workspace.class);
    } catch (CoderException.Api e) {
      if (e.status() == 404 || e.status() == 400) {
        throw new NotFoundException(
            "no workspace named "
                + (name.owner().equals("me") ? "" : name.owner() + "/")
                + name.workspace()
                + " on "
                + client.url());
      }
      throw e;
    }
  }

  /**
   * {@code GET /api/v2/workspaces} with a search query (the dashboard's filter syntax, such as
   * {@code owner:me}), each workspace with its latest build; a server that does not know a filter
   * answers 400 ({@link CoderException.Api}).
   */
  public List<WorkspaceJson.Workspace> search(String query) throws CoderException {
    return client
        .get("/api/v2/workspaces?q=" + encode(query), WorkspaceJson.WorkspacesResponse.class)
        .workspaces();
  }

  /**
   * The agent {@code name} names: the named one, else the workspace's only (or first) agent.
   *
   * @throws NotFoundException when there is no such agent, or the workspace has none (stopped)
   */
  public Target target(WorkspaceName name) throws CoderException, NotFoundException {
    WorkspaceJson.Workspace ws = find(name);
    var agents = ws.agents();
    if (agents.isEmpty()) {
      throw new NotFoundException(
          "workspace "
              + ws.name()
              + " has no agent (it is "
              + ws.latestBuild().status()
              + "; start it with coder-desktop start "
              + ws.name()
              + ")");
    }
    if (name.agent().isEmpty()) {
      return new Target(ws, agents.get(0));
    }
    String want = name.agent().get();
    return agents.stream()
        .filter(a -> a.name().equalsIgnoreCase(want))
        .findFirst()
        .map(a -> new Target(ws, a))
        .orElseThrow(
            () -> new NotFoundException("workspace " + ws.name() + " has no agent named " + want));
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8);
  }

  /**
   * A workspace and one of its agents.
   *
   * @param workspace the workspace
   * @param agent the agent
   */
  public record Target(WorkspaceJson.Workspace workspace, WorkspaceJson.Agent agent) {

    /**
     * The name Coder Connect gives the agent under {@code suffix}: {@code <workspace>.<suffix>}
     * when the workspace has one agent, else {@code <agent>.<workspace>.me.<suffix>}.
     */
    public String hostname(String suffix) {
      String ws = workspace.name().toLowerCase(java.util.Locale.ROOT);
      return workspace.agents().size() == 1
          ? ws + "." + suffix
          : agent.name().toLowerCase(java.util.Locale.ROOT) + "." + ws + ".me." + suffix;
    }
  }

  /** The deployment has no workspace or agent by that name. */
  public static final class NotFoundException extends Exception {
    private static final long serialVersionUID = 1L;

    NotFoundException(String message) {
      super(message, null, false, false);
    }
  }
}
