// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.status;

import java.io.PrintWriter;
import java.util.Locale;

/** The human form of {@code status}: a state line and a table of agents. Stateless. */
public final class StatusTable {

  private static final String ROW = "%-20s %-12s %-10s %-36s %-10s %-9s %s%n";

  private StatusTable() {}

  /** Prints {@code r} to {@code out}. */
  public static void print(StatusReport r, PrintWriter out) {
    out.println("CoderVPN: " + r.state() + (r.message().isEmpty() ? "" : " (" + r.message() + ")"));
    if (!r.dns().isEmpty()) {
      out.println("DNS: " + r.dns());
    }
    if (!r.agents().isEmpty()) {
      out.printf(
          Locale.ROOT, ROW, "WORKSPACE", "AGENT", "STATUS", "HOSTNAME", "STATE", "LATENCY", "PATH");
    }
    for (AgentInfo a : r.agents()) {
      out.printf(
          Locale.ROOT,
          ROW,
          a.workspace(),
          a.name(),
          a.workspaceStatus(),
          a.hostname(),
          a.state(),
          latency(a),
          path(a));
    }
    out.flush();
  }

  /** "12.5ms", or "-" before the first ping. */
  static String latency(AgentInfo a) {
    return a.latency()
        .map(d -> String.format(Locale.ROOT, "%.1fms", d.toNanos() / 1e6))
        .orElse("-");
  }

  /** "direct ip:port" (or "direct"), "DERP (region)" (or "DERP"), or "-" before the first ping. */
  static String path(AgentInfo a) {
    return a.direct()
        .map(
            d ->
                d
                    ? (a.endpoint().isEmpty() ? "direct" : "direct " + a.endpoint())
                    : (a.relay().isEmpty() ? "DERP" : "DERP (" + a.relay() + ")"))
        .orElse("-");
  }
}
