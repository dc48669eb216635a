// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A peer's path as status shows it. Immutable.
 *
 * @param state the path state
 * @param direct the confirmed direct address while {@link PathState#DIRECT}, else null
 * @param latency the last direct round trip while direct, else null
 * @param atNanos engine-clock time of the pong that measured {@code latency}, or 0
 */
public record PathStatus(
    PathState state, InetSocketAddress direct, Duration latency, long atNanos) {

  /** A peer relayed through DERP. */
  public static final PathStatus RELAYED = new PathStatus(PathState.RELAYED, null, null, 0);

  /** Validates. */
  public PathStatus {
    Objects.requireNonNull(state, "state");
    if ((state == PathState.DIRECT) != (direct != null && latency != null)) {
      throw new IllegalArgumentException("a direct path has an address and a latency");
    }
  }

  /** Whether packets go straight to the peer. */
  public boolean isDirect() {
    return state == PathState.DIRECT;
  }
}
