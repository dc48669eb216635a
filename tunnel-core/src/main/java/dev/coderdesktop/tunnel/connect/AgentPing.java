// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import java.time.Duration;
import java.util.Objects;

/**
 * The last successful disco ping of an agent. Immutable.
 *
 * @param latency the round-trip time
 * @param p2p whether the ping went over a direct path (false: through a DERP relay)
 * @param derpRegionId the relay region the ping went through, or else our home region
 * @param derpRegionName that region's name
 * @param derpLatency our measured latency to that region, or null when not measured
 * @param atNanos engine-clock time of the pong
 */
public record AgentPing(
    Duration latency,
    boolean p2p,
    int derpRegionId,
    String derpRegionName,
    Duration derpLatency,
    long atNanos) {

  /** Validates. */
  public AgentPing {
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(derpRegionName, "derpRegionName");
  }
}
