// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.DERPMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A listener for tests: queues the workspace states, peer updates and DERP maps it is told. */
public final class RecordingListener implements TailnetListener {

  public final BlockingQueue<WorkspaceState> workspaces = new LinkedBlockingQueue<>();
  public final BlockingQueue<CoordinateResponse.PeerUpdate> peerUpdates =
      new LinkedBlockingQueue<>();
  public final BlockingQueue<DERPMap> derpMaps = new LinkedBlockingQueue<>();

  @Override
  public void onWorkspaces(WorkspaceState state) {
    workspaces.add(state);
  }

  @Override
  public void onPeerUpdate(CoordinateResponse.PeerUpdate update) {
    peerUpdates.add(update);
  }

  @Override
  public void onDerpMap(DERPMap map) {
    derpMaps.add(map);
  }
}
