// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.coderdesktop.vpn.proto.wire.Agent;
import dev.coderdesktop.vpn.proto.wire.LastPing;
import dev.coderdesktop.vpn.proto.wire.PeerUpdate;
import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatusReportTest {

  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  private static ByteString id(int n) {
    byte[] b = new byte[16];
    b[15] = (byte) n;
    return ByteString.copyFrom(b);
  }

  static Status status() {
    return Status.newBuilder()
        .setLifecycle(Status.Lifecycle.STARTED)
        .setPeerUpdate(
            PeerUpdate.newBuilder()
                .addUpsertedWorkspaces(
                    Workspace.newBuilder()
                        .setId(id(1))
                        .setName("dev")
                        .setStatus(Workspace.Status.RUNNING))
                .addUpsertedWorkspaces(
                    Workspace.newBuilder()
                        .setId(id(2))
                        .setName("old")
                        .setStatus(Workspace.Status.STOPPED))
                .addUpsertedAgents(
                    Agent.newBuilder()
                        .setId(id(3))
                        .setWorkspaceId(id(1))
                        .setName("main")
                        .addFqdn("dev.coder.")
                        .addFqdn("main.dev.me.coder.")
                        .addIpAddrs("fd60:627a:a42b:1::1")
                        .setLastHandshake(
                            Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - 10))
                        .setLastPing(
                            LastPing.newBuilder()
                                .setLatency(Duration.newBuilder().setNanos(42_500_000))
                                .setPreferredDerp("Coder Embedded Relay")))
                .addUpsertedAgents(
                    Agent.newBuilder()
                        .setId(id(4))
                        .setWorkspaceId(id(2))
                        .setName("main")
                        .addFqdn("old.coder.")
                        .addIpAddrs("fd60:627a:a42b:1::2")))
        .build();
  }

  @Test
  @DisplayName("status --json: schema, and each agent's name, state, latency and path")
  void json() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(StatusJson.status(StatusReport.from(status(), NOW)));
    assertEquals(1, doc.get("schema").asInt());
    assertEquals("started", doc.get("state").asText());
    JsonNode dev = doc.get("agents").get(0);
    assertEquals("dev.coder", dev.get("hostname").asText());
    assertEquals("main", dev.get("name").asText());
    assertEquals("dev", dev.get("workspace").asText());
    assertEquals("connected", dev.get("state").asText());
    assertEquals(42.5, dev.get("latency_ms").asDouble());
    assertEquals("relay", dev.get("path").asText());
    assertEquals("Coder Embedded Relay", dev.get("relay").asText());
    assertEquals("2026-11-29T11:59:50Z", dev.get("last_handshake").asText());
    JsonNode old = doc.get("agents").get(1);
    assertEquals("offline", old.get("state").asText());
    assertTrue(old.get("latency_ms").isNull());
    assertTrue(old.get("path").isNull());
  }

  @Test
  @DisplayName("a direct path reads as direct; the table shows latency and path")
  void table() {
    Status s =
        status().toBuilder()
            .setPeerUpdate(
                status().getPeerUpdate().toBuilder()
                    .setUpsertedAgents(
                        0,
                        status().getPeerUpdate().getUpsertedAgents(0).toBuilder()
                            .setLastPing(
                                LastPing.newBuilder()
                                    .setLatency(
                                        Duration.newBuilder().setSeconds(1).setNanos(5_000_000))
                                    .setDidP2P(true))))
            .build();
    StatusReport r = StatusReport.from(s, NOW);
    assertEquals("direct", r.agents().get(0).path().orElseThrow());
    StringWriter w = new StringWriter();
    StatusTable.print(r, new PrintWriter(w));
    String line = w.toString().lines().filter(l -> l.startsWith("dev ")).findFirst().orElseThrow();
    assertTrue(line.contains("1005.0ms") && line.contains("direct"), line);
  }

  @Test
  @DisplayName("hosts --json lists hostname, workspace, agent and addresses")
  void hosts() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(StatusJson.hosts(StatusReport.from(status(), NOW)));
    assertEquals("dev.coder", doc.get(0).get("hostname").asText());
    assertEquals("fd60:627a:a42b:1::1", doc.get(0).get("addresses").get(0).asText());
  }
}
