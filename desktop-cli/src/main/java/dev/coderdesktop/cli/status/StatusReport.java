// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.status;

import com.google.protobuf.ByteString;
import dev.coderdesktop.vpn.proto.wire.Agent;
import dev.coderdesktop.vpn.proto.wire.LastPing;
import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service's Status as the CLI reports it: the lifecycle, the service's message, and one {@link
 * AgentInfo} per agent, sorted by hostname. Immutable; {@link #from} is pure.
 *
 * @param state {@code started}, {@code starting}, {@code stopping} or {@code stopped}
 * @param message the service's note or last error (empty when none)
 * @param dns how the system resolver reaches CoderVPN, "mode - detail" (empty when off)
 * @param agents the agents
 */
public record StatusReport(String state, String message, String dns, List<AgentInfo> agents) {

  /** A handshake older than this means the agent is not answering (WireGuard rekeys at 2 min). */
  static final Duration STALE_AFTER = Duration.ofMinutes(5);

  /** Copies. */
  public StatusReport {
    agents = List.copyOf(agents);
  }

  /** Maps {@code s}, judging handshakes against {@code now}. */
  public static StatusReport from(Status s, Instant now) {
    Map<ByteString, Workspace> workspaces = new HashMap<>();
    for (Workspace w : s.getPeerUpdate().getUpsertedWorkspacesList()) {
      workspaces.put(w.getId(), w);
    }
    List<AgentInfo> agents = new ArrayList<>();
    for (Agent a : s.getPeerUpdate().getUpsertedAgentsList()) {
      Workspace w = workspaces.get(a.getWorkspaceId());
      List<String> fqdns = a.getFqdnList().stream().map(StatusReport::undot).toList();
      Optional<Instant> handshake =
          a.hasLastHandshake() && a.getLastHandshake().getSeconds() > 0
              ? Optional.of(
                  Instant.ofEpochSecond(
                      a.getLastHandshake().getSeconds(), a.getLastHandshake().getNanos()))
              : Optional.empty();
      LastPing ping = a.hasLastPing() ? a.getLastPing() : null;
      String wsStatus = w == null ? "unknown" : lower(w.getStatus().name());
      agents.add(
          new AgentInfo(
              w == null ? "?" : w.getName(),
              wsStatus,
              a.getName(),
              fqdns.isEmpty() ? "" : fqdns.get(0),
              fqdns,
              a.getIpAddrsList(),
              state(wsStatus, handshake, now),
              handshake,
              Optional.ofNullable(ping)
                  .filter(LastPing::hasLatency)
                  .map(
                      p ->
                          Duration.ofSeconds(
                              p.getLatency().getSeconds(), p.getLatency().getNanos())),
              Optional.ofNullable(ping).map(LastPing::getDidP2P),
              ping == null ? "" : ping.getPreferredDerp(),
              ping == null ? "" : ping.getDirectEndpoint()));
    }
    agents.sort(Comparator.comparing(AgentInfo::hostname).thenComparing(AgentInfo::name));
    return new StatusReport(
        lower(s.getLifecycle().name()),
        s.getErrorMessage(),
        s.hasDns() ? s.getDns().getMode() + " - " + s.getDns().getDetail() : "",
        agents);
  }

  private static String state(String workspace, Optional<Instant> handshake, Instant now) {
    if (!workspace.equals("running")) {
      return "offline";
    }
    if (handshake.isEmpty()) {
      return "connecting";
    }
    return Duration.between(handshake.get(), now).compareTo(STALE_AFTER) > 0
        ? "stale"
        : "connected";
  }

  private static String undot(String fqdn) {
    return fqdn.endsWith(".") ? fqdn.substring(0, fqdn.length() - 1) : fqdn;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
