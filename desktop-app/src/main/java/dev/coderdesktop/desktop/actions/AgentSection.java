// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.actions;

import dev.coderdesktop.coder.sdk.workspace.AppLink;
import dev.coderdesktop.coder.sdk.workspace.ListeningPort;
import java.util.List;
import java.util.Objects;

/**
 * One agent in the actions window: its name and host, its listening ports and its apps, or why they
 * could not be read. Immutable.
 *
 * @param agent the agent's name
 * @param hostname its Coder Connect name, e.g. {@code dev.coder}
 * @param ports its listening ports, filtered as Coder's dashboard lists them
 * @param apps its apps and the built-ins
 * @param note why the ports are missing (agent not connected, server error), or empty
 */
public record AgentSection(
    String agent, String hostname, List<ListeningPort> ports, List<AppLink> apps, String note) {

  /** Validates and copies. */
  public AgentSection {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(hostname, "hostname");
    ports = List.copyOf(ports);
    apps = List.copyOf(apps);
    note = note == null ? "" : note;
  }
}
