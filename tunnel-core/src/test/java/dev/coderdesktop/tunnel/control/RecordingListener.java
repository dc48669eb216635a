// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.DERPMap;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A listener for tests: queues the workspace states, peer updates and DERP maps it is told, lists
 * the disconnect reasons and sign-in refusals, and runs {@link #onConnected} on every connection.
 */
public final class RecordingListener implements TailnetListener {

  public final BlockingQueue<WorkspaceState> workspaces = new LinkedBlockingQueue<>();
  public final BlockingQueue<CoordinateResponse.PeerUpdate> peerUpdates =
      new LinkedBlockingQueue<>();
  public final BlockingQueue<DERPMap> derpMaps = new LinkedBlockingQueue<>();
  public final List<String> disconnects = new CopyOnWriteArrayList<>();
  public final List<Integer> rejections = new CopyOnWriteArrayList<>();
  public volatile Runnable onConnected = () -> {};

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

  @Override
  public void onConnected() {
    onConnected.run();
  }

  @Override
  public void onDisconnected(String reason) {
    disconnects.add(reason);
  }

  @Override
  public void onSignInRejected(int status, String message) {
    rejections.add(status);
  }
}
