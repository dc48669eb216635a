// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import dev.coderdesktop.tunnel.control.proto.Agent;
import dev.coderdesktop.tunnel.control.proto.Workspace;
import dev.coderdesktop.tunnel.control.proto.WorkspaceUpdate;
import java.util.UUID;

/** Workspace updates as the tailnet API sends them, for tests of both ends. */
public final class Snapshots {

  private Snapshots() {}

  /**
   * A running workspace with one agent named "main" (a builder, so a test can add more before it
   * builds).
   */
  public static WorkspaceUpdate.Builder oneAgent(UUID workspace, String name, UUID agent) {
    return WorkspaceUpdate.newBuilder()
        .addUpsertedWorkspaces(
            Workspace.newBuilder()
                .setId(Uuids.toBytes(workspace))
                .setName(name)
                .setStatus(Workspace.Status.RUNNING))
        .addUpsertedAgents(
            Agent.newBuilder()
                .setId(Uuids.toBytes(agent))
                .setName("main")
                .setWorkspaceId(Uuids.toBytes(workspace)));
  }
}
