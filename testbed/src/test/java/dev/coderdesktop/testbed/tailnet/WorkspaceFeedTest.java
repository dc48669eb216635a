// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderdesktop.testbed.config.NetworkShape;
import dev.coderdesktop.testbed.deployment.Deployment;
import dev.coderdesktop.tunnel.control.Uuids;
import dev.coderdesktop.tunnel.control.proto.Workspace;
import dev.coderdesktop.tunnel.control.proto.WorkspaceUpdate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Snapshots and deltas of the WorkspaceUpdates stream. */
class WorkspaceFeedTest {

  private final Deployment.User alice = new Deployment.User(UUID.randomUUID(), "alice");
  private final Deployment.Agent main =
      new Deployment.Agent(UUID.randomUUID(), "main", NetworkShape.RELAY);
  private final Deployment.Agent gpu =
      new Deployment.Agent(UUID.randomUUID(), "gpu", NetworkShape.RELAY);
  private final UUID wsId = UUID.randomUUID();

  private Deployment.Workspace ws(boolean running) {
    return new Deployment.Workspace(wsId, "build", alice, running, List.of(main, gpu));
  }

  @Test
  @DisplayName("the snapshot carries the workspace and its agents; a stop deletes the agents")
  void snapshotThenStop() {
    WorkspaceUpdate snap = WorkspaceFeed.diff(List.of(), List.of(ws(true)));
    assertEquals(1, snap.getUpsertedWorkspacesCount());
    assertEquals(Workspace.Status.RUNNING, snap.getUpsertedWorkspaces(0).getStatus());
    assertEquals(2, snap.getUpsertedAgentsCount());
    assertEquals(wsId, Uuids.fromBytes(snap.getUpsertedAgents(0).getWorkspaceId()));

    WorkspaceUpdate stop = WorkspaceFeed.diff(List.of(ws(true)), List.of(ws(false)));
    assertEquals(Workspace.Status.STOPPED, stop.getUpsertedWorkspaces(0).getStatus());
    assertEquals(0, stop.getUpsertedAgentsCount());
    assertEquals(2, stop.getDeletedAgentsCount());

    assertEquals(
        WorkspaceUpdate.getDefaultInstance(),
        WorkspaceFeed.diff(List.of(ws(false)), List.of(ws(false))),
        "no change, no message");
  }

  @Test
  @DisplayName("a stopped workspace in the snapshot has no agents; removing it deletes it")
  void stoppedAndDeleted() {
    WorkspaceUpdate snap = WorkspaceFeed.diff(List.of(), List.of(ws(false)));
    assertEquals(0, snap.getUpsertedAgentsCount());
    WorkspaceUpdate gone = WorkspaceFeed.diff(List.of(ws(true)), List.of());
    assertEquals(1, gone.getDeletedWorkspacesCount());
    assertEquals(2, gone.getDeletedAgentsCount());
  }
}
