// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import java.util.List;

/** What the engine reports to its owner (the service). Called on engine threads; must not block. */
public interface ConnectListener {

  /** The set of agents (and so of hostnames) changed. */
  void onAgents(List<AgentView> agents);

  /** The control plane connected or dropped; the data plane keeps running either way. */
  default void onControl(boolean connected, String detail) {}

  /**
   * The engine stopped trying for good (for now only when the deployment refuses our sign-in). The
   * owner should close the engine and show {@code failure}'s message. Called at most once.
   */
  default void onFatal(EngineFailure failure) {}
}
