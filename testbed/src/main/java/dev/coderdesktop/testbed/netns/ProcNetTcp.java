// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.netns;

import dev.coderdesktop.testbed.deployment.AgentPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * Listening TCP sockets of a network namespace, read from {@code /proc/<pid>/net/tcp} and {@code
 * tcp6} of a process inside it (the kernel shows each process its own namespace's sockets), the way
 * Coder's agent scans its machine. Stateless.
 */
final class ProcNetTcp {

  /** The {@code st} column's value for LISTEN. */
  private static final String LISTEN = "0A";

  private ProcNetTcp() {}

  /** Every listening port in {@code pid}'s namespace, each once, ascending; empty if it is gone. */
  static List<AgentPorts.Port> listening(long pid) {
    TreeMap<Integer, AgentPorts.Port> out = new TreeMap<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path p = Path.of("/proc", Long.toString(pid), "net", table);
      List<String> lines;
      try {
        lines = Files.readAllLines(p, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        continue;
      }
      parse(lines).forEach(port -> out.putIfAbsent(port, new AgentPorts.Port(port, "")));
    }
    return List.copyOf(out.values());
  }

  /** The LISTEN ports of one table's lines (header first). */
  static List<Integer> parse(List<String> lines) {
    return lines.stream()
        .skip(1)
        .map(String::strip)
        .map(l -> l.split("\\s+"))
        .filter(f -> f.length > 3 && f[3].equals(LISTEN))
        .map(f -> Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16))
        .toList();
  }
}
