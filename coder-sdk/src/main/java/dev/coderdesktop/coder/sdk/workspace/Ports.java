// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import java.util.List;

/** An agent's listening ports through the API. Stateless over a thread-safe client. */
public final class Ports {

  private final CoderClient client;

  /** Lookups through {@code client}. */
  public Ports(CoderClient client) {
    this.client = client;
  }

  /**
   * {@code GET /api/v2/workspaceagents/{id}/listening-ports}, filtered as Coder's dashboard lists
   * them ({@link PortFilter}).
   *
   * @throws CoderException e.g. HTTP 400 when the agent is not connected
   */
  public List<ListeningPort> of(WorkspaceJson.Agent agent) throws CoderException {
    WorkspaceJson.PortsResponse r =
        client.get(
            "/api/v2/workspaceagents/" + agent.id() + "/listening-ports",
            WorkspaceJson.PortsResponse.class);
    return PortFilter.apply(r.ports(), agent.apps());
  }
}
