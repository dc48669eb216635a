// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.workspaces;

import com.google.protobuf.Timestamp;
import dev.coderdesktop.vpn.proto.wire.LastPing;
import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.time.Duration;
import java.time.Instant;

/**
 * How reachable an agent is, judged from its workspace's status, its last WireGuard handshake and
 * its last ping. Ordered best first, which is also the order a workspace takes its worst agent by.
 */
public enum AgentHealth {
  /** Handshake recent, latency fine. */
  CONNECTED(StatusDot.GREEN, "Connected"),
  /** Handshake recent, but the last ping took {@link #HIGH_LATENCY_AT} or more. */
  HIGH_LATENCY(StatusDot.YELLOW, "Connected, high latency"),
  /** Running, but no handshake yet. */
  CONNECTING(StatusDot.YELLOW, "Connecting…"),
  /** The last handshake is older than {@link #STALE_HANDSHAKE}. */
  NO_RECENT_HANDSHAKE(StatusDot.RED, "No recent handshake; retrying"),
  /** The workspace is not running. */
  OFF(StatusDot.GREY, "Offline");

  /** Our threshold for a yellow dot, as Coder's own clients use. */
  public static final Duration HIGH_LATENCY_AT = Duration.ofMillis(150);

  /** Older handshakes mean the peer is gone (WireGuard rekeys every 2 minutes when in use). */
  public static final Duration STALE_HANDSHAKE = Duration.ofMinutes(5);

  private final StatusDot dot;
  private final String label;

  AgentHealth(StatusDot dot, String label) {
    this.dot = dot;
    this.label = label;
  }

  /** The dot colour. */
  public StatusDot dot() {
    return dot;
  }

  /** A short description for a tooltip. */
  public String label() {
    return label;
  }

  /**
   * Judges one agent.
   *
   * @param workspace its workspace's status
   * @param lastHandshake the last handshake, or null if none
   * @param lastPing the last ping, or null if none
   * @param now the current time
   */
  public static AgentHealth judge(
      Workspace.Status workspace, Timestamp lastHandshake, LastPing lastPing, Instant now) {
    if (workspace != Workspace.Status.RUNNING) {
      return workspace == Workspace.Status.STARTING || workspace == Workspace.Status.PENDING
          ? CONNECTING
          : OFF;
    }
    if (lastHandshake == null) {
      return CONNECTING;
    }
    Instant at = Instant.ofEpochSecond(lastHandshake.getSeconds(), lastHandshake.getNanos());
    if (Duration.between(at, now).compareTo(STALE_HANDSHAKE) > 0) {
      return NO_RECENT_HANDSHAKE;
    }
    if (lastPing != null && lastPing.hasLatency()) {
      Duration latency =
          Duration.ofSeconds(lastPing.getLatency().getSeconds(), lastPing.getLatency().getNanos());
      if (latency.compareTo(HIGH_LATENCY_AT) >= 0) {
        return HIGH_LATENCY;
      }
    }
    return CONNECTED;
  }
}
