// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import java.net.URI;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Leaves out the ports Coder's own list leaves out: the agent's reserved ports (below 9), common
 * ports that do not serve HTTP (ssh, mail, databases, ...), and ports an app of the agent already
 * points at (the app is listed instead). Coder's server filters the same way; doing it again here
 * keeps older or other servers' answers consistent. Each port once, in ascending order.
 */
public final class PortFilter {

  /** The lowest port Coder lists; 1 to 8 belong to the agent. */
  public static final int MINIMUM = 9;

  /** Ports that rarely serve HTTP, as in Coder's ignore list. */
  static final Set<Integer> IGNORED =
      Set.of(
          20, 21, 22, 23, 25, 53, 110, 143, 179, 389, 636, 465, 587, 989, 990, 993, 995, 3306, 3389,
          5432, 27017, 27018, 27019, 28017);

  private PortFilter() {}

  /** The ports worth listing for an agent with {@code apps}. */
  public static List<ListeningPort> apply(
      Collection<WorkspaceJson.Port> ports, Collection<WorkspaceJson.App> apps) {
    Set<Integer> appPorts = new HashSet<>();
    for (WorkspaceJson.App app : apps) {
      appPort(app).ifPresent(appPorts::add);
    }
    TreeMap<Integer, ListeningPort> out = new TreeMap<>();
    for (WorkspaceJson.Port p : ports) {
      int n = p.port();
      if (n < MINIMUM || n > 65535 || IGNORED.contains(n) || appPorts.contains(n)) {
        continue;
      }
      if (p.network() != null && !p.network().isEmpty() && !p.network().equals("tcp")) {
        continue;
      }
      out.putIfAbsent(n, new ListeningPort(n, p.processName()));
    }
    return List.copyOf(out.values());
  }

  /** The explicit port of an app's URL, if it has one. */
  private static Optional<Integer> appPort(WorkspaceJson.App app) {
    if (app.url() == null || app.url().isBlank()) {
      return Optional.empty();
    }
    try {
      int port = URI.create(app.url().strip()).getPort();
      return port > 0 ? Optional.of(port) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
