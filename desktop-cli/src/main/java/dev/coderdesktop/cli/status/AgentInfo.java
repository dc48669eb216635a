// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One agent as {@code status} and {@code hosts} report it. Immutable.
 *
 * @param workspace its workspace's name ("?" when the service did not name it)
 * @param workspaceStatus the workspace's build status, lower case ({@code running}, {@code
 *     stopped}, …)
 * @param name the agent's name
 * @param hostname the name to use, e.g. {@code dev.coder}
 * @param fqdns every name the agent answers to, without trailing dots
 * @param addresses its tunnel addresses
 * @param state {@code connected}, {@code connecting}, {@code stale} or {@code offline}
 * @param lastHandshake the last WireGuard handshake, if any
 * @param latency the round trip of the last ping (every 5 s), if any
 * @param direct whether that ping went peer to peer (true) or through a DERP relay (false)
 * @param relay the DERP region the service uses for it (empty when unknown)
 * @param endpoint the direct path's address as {@code ip:port} (empty when relayed or unknown)
 */
public record AgentInfo(
    String workspace,
    String workspaceStatus,
    String name,
    String hostname,
    List<String> fqdns,
    List<String> addresses,
    String state,
    Optional<Instant> lastHandshake,
    Optional<Duration> latency,
    Optional<Boolean> direct,
    String relay,
    String endpoint) {

  /** Copies the lists. */
  public AgentInfo {
    fqdns = List.copyOf(fqdns);
    addresses = List.copyOf(addresses);
  }

  /** "direct", "relay", or empty before the first ping. */
  public Optional<String> path() {
    return direct.map(d -> d ? "direct" : "relay");
  }
}
