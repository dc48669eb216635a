// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import dev.coderdesktop.tunnel.control.proto.Workspace;
import java.net.Inet6Address;
import java.util.List;
import java.util.UUID;

/**
 * One agent as the user sees it: where it lives, its names and address, and whether a WireGuard
 * session with it exists. Immutable.
 *
 * @param agentId the agent
 * @param agentName its name
 * @param workspaceId its workspace
 * @param workspaceName the workspace's name
 * @param workspaceStatus the workspace's build status
 * @param hostnames its DNS names, the preferred one first
 * @param address its tailnet address (Coder prefix)
 * @param lastHandshakeNanos engine-clock time of the last handshake, or -1
 * @param lastPing the last answered disco ping, or null (none yet, or the last one timed out)
 */
public record AgentView(
    UUID agentId,
    String agentName,
    UUID workspaceId,
    String workspaceName,
    Workspace.Status workspaceStatus,
    List<String> hostnames,
    Inet6Address address,
    long lastHandshakeNanos,
    AgentPing lastPing) {

  /** Copies. */
  public AgentView {
    hostnames = List.copyOf(hostnames);
  }
}
