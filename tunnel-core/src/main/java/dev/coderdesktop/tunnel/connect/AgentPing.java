// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The agent's path and its last measured round trip: over the direct path while there is one (the
 * heartbeat's pong), else the last disco ping through the relay. Immutable.
 *
 * @param latency the round-trip time
 * @param p2p whether the path is direct (false: through a DERP relay)
 * @param derpRegionId the relay region the ping went through, or else our home region
 * @param derpRegionName that region's name
 * @param derpLatency our measured latency to that region, or null when not measured
 * @param atNanos engine-clock time of the pong
 * @param directEndpoint the agent's UDP address while {@code p2p}, else null
 */
public record AgentPing(
    Duration latency,
    boolean p2p,
    int derpRegionId,
    String derpRegionName,
    Duration derpLatency,
    long atNanos,
    InetSocketAddress directEndpoint) {

  /** Validates. */
  public AgentPing {
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(derpRegionName, "derpRegionName");
    if (p2p != (directEndpoint != null)) {
      throw new IllegalArgumentException("a direct path has an endpoint, a relayed one none");
    }
  }

  /** A ping through the relay. */
  public AgentPing(
      Duration latency,
      boolean p2p,
      int derpRegionId,
      String derpRegionName,
      Duration derpLatency,
      long atNanos) {
    this(latency, p2p, derpRegionId, derpRegionName, derpLatency, atNanos, null);
  }

  /** "direct 192.0.2.1:41641" or "DERP (region)", as status words the path. */
  public String pathDescription() {
    if (!p2p) {
      return "DERP (" + derpRegionName + ")";
    }
    String ip = directEndpoint.getAddress().getHostAddress();
    boolean v6 = directEndpoint.getAddress() instanceof Inet6Address;
    return "direct " + (v6 ? "[" + ip + "]" : ip) + ":" + directEndpoint.getPort();
  }
}
