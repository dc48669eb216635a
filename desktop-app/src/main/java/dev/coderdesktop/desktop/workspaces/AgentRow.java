// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.workspaces;

import java.util.Objects;
import java.util.UUID;

/**
 * One agent as the tray lists it. Immutable.
 *
 * @param id the agent's id
 * @param name the agent's name
 * @param hostname the name to copy, e.g. {@code dev.coder}
 * @param health how reachable it is
 */
public record AgentRow(UUID id, String name, String hostname, AgentHealth health) {

  /** Validates. */
  public AgentRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(health, "health");
  }
}
