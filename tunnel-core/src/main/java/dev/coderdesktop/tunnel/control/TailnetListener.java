// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.DERPMap;

/** Events from the control plane, on the client's stream threads. Must not block. */
public interface TailnetListener {

  /** The workspace list changed (the first call after each connection is a full snapshot). */
  void onWorkspaces(WorkspaceState state);

  /** The coordinator sent news of a peer (an agent). */
  void onPeerUpdate(CoordinateResponse.PeerUpdate update);

  /** The server's DERP map (sent at once, then on change). */
  default void onDerpMap(DERPMap map) {}

  /** The coordinator reported a problem. */
  default void onCoordinatorError(String error) {}

  /** The control connection is up. */
  default void onConnected() {}

  /** The control connection dropped; the client redials by itself unless closed. */
  default void onDisconnected(String reason) {}

  /**
   * The deployment refused our sign-in (HTTP {@code status} 401 or 403, also after dropping a stale
   * resume token). The client has stopped for good; only new credentials help. Called once.
   */
  default void onSignInRejected(int status, String message) {}
}
