// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * The {@code --json} documents of {@code status} and {@code hosts}, schema version {@value #SCHEMA}
 * (docs/cli.md lists every field). Fields are only ever added; a removal or a change of meaning
 * raises the version. Stateless.
 */
public final class StatusJson {

  /** The schema version, the first field of {@code status --json}. */
  public static final int SCHEMA = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusJson() {}

  /** {@code status --json}. */
  public static String status(StatusReport r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("state", r.state());
    root.put("message", r.message());
    ArrayNode agents = root.putArray("agents");
    for (AgentInfo a : r.agents()) {
      ObjectNode n = agents.addObject();
      n.put("workspace", a.workspace());
      n.put("workspace_status", a.workspaceStatus());
      n.put("name", a.name());
      n.put("hostname", a.hostname());
      strings(n.putArray("fqdns"), a.fqdns());
      strings(n.putArray("addresses"), a.addresses());
      n.put("state", a.state());
      if (a.lastHandshake().isPresent()) {
        n.put("last_handshake", a.lastHandshake().get().toString());
      } else {
        n.putNull("last_handshake");
      }
      if (a.latency().isPresent()) {
        n.put("latency_ms", millis(a.latency().get()));
      } else {
        n.putNull("latency_ms");
      }
      if (a.path().isPresent()) {
        n.put("path", a.path().get());
      } else {
        n.putNull("path");
      }
      if (a.relay().isEmpty()) {
        n.putNull("relay");
      } else {
        n.put("relay", a.relay());
      }
      if (a.endpoint().isEmpty()) {
        n.putNull("endpoint");
      } else {
        n.put("endpoint", a.endpoint());
      }
    }
    return root.toPrettyString();
  }

  /** {@code hosts --json}: one object per agent. */
  public static String hosts(StatusReport r) {
    ArrayNode list = JSON.createArrayNode();
    for (AgentInfo a : r.agents()) {
      ObjectNode n = list.addObject();
      n.put("hostname", a.hostname());
      n.put("workspace", a.workspace());
      n.put("agent", a.name());
      strings(n.putArray("addresses"), a.addresses());
    }
    return list.toPrettyString();
  }

  /** Milliseconds with microsecond precision. */
  static double millis(Duration d) {
    return Math.round(d.toNanos() / 1000.0) / 1000.0;
  }

  private static void strings(ArrayNode to, List<String> values) {
    values.forEach(to::add);
  }
}
