// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.workspaces;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One agent as the tray lists it. Immutable.
 *
 * @param id the agent's id
 * @param name the agent's name
 * @param hostname the name to copy, e.g. {@code dev.coder}
 * @param health how reachable it is
 * @param latency the round trip of the service's last ping to it, if any
 * @param direct whether that ping went peer to peer (true) or through a DERP relay (false)
 */
public record AgentRow(
    UUID id,
    String name,
    String hostname,
    AgentHealth health,
    Optional<Duration> latency,
    Optional<Boolean> direct) {

  /** Validates. */
  public AgentRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(direct, "direct");
  }

  /** An agent not pinged yet. */
  public AgentRow(UUID id, String name, String hostname, AgentHealth health) {
    this(id, name, hostname, health, Optional.empty(), Optional.empty());
  }

  /** The badge the tray shows: "12 ms · direct", "48 ms · relay", or empty before a ping. */
  public String badge() {
    if (latency.isEmpty()) {
      return "";
    }
    long ms = Math.round(latency.get().toNanos() / 1e6);
    return ms + " ms · " + (direct.orElse(false) ? "direct" : "relay");
  }
}
