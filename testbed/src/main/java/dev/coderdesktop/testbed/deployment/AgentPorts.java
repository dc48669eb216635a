// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.deployment;

import java.util.List;
import java.util.UUID;

/**
 * The TCP ports a running agent's machine listens on, as the agent would report them to coderd.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface AgentPorts {

  /** No agent machines (a testbed without namespaces): nothing listens. */
  AgentPorts NONE = agent -> List.of();

  /**
   * A listening port.
   *
   * @param port the port
   * @param process the listening process's name, or empty
   */
  record Port(int port, String process) {}

  /** The agent's listening ports; empty when it is not running. */
  List<Port> of(UUID agent);
}
