// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.workspaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.desktop.fixtures.Peers;
import dev.coderdesktop.vpn.proto.wire.Agent;
import dev.coderdesktop.vpn.proto.wire.PeerUpdate;
import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkspaceListMapperTest {

  private static final Workspace.Status RUNNING = Workspace.Status.RUNNING;

  private static List<WorkspaceRow> rows(Peers peers) {
    return WorkspaceListMapper.map(peers.build(), Peers.NOW);
  }

  /** A running workspace "dev" to add agents to. */
  private static Peers dev() {
    return Peers.builder().workspace("dev", RUNNING);
  }

  @Nested
  @DisplayName("the status dot")
  class Dots {
    @ParameterizedTest(name = "{0}, handshake {1}s ago, latency {2}ms -> {3}")
    @CsvSource({
      "RUNNING, 10, 20, GREEN",
      "RUNNING, 10, -1, GREEN",
      "RUNNING, 10, 149, GREEN",
      "RUNNING, 10, 150, YELLOW",
      "RUNNING, -1, -1, YELLOW",
      "RUNNING, 299, 20, GREEN",
      "RUNNING, 301, 20, RED",
      "RUNNING, 3600, 500, RED",
      "STOPPED, 10, 20, GREY",
      "FAILED, 10, 20, GREY",
      "STARTING, -1, -1, YELLOW",
    })
    void dot(Workspace.Status status, long handshakeSecondsAgo, long latencyMs, StatusDot want) {
      PeerUpdate u =
          Peers.builder()
              .workspace("dev", status)
              .agent(
                  "dev",
                  "main",
                  handshakeSecondsAgo < 0 ? null : Duration.ofSeconds(handshakeSecondsAgo),
                  latencyMs)
              .build();
      List<WorkspaceRow> rows = WorkspaceListMapper.map(u, Peers.NOW);
      assertEquals(1, rows.size());
      assertEquals(want, rows.get(0).dot());
      assertEquals(want, rows.get(0).agents().get(0).health().dot());
    }

    @Test
    @DisplayName("a workspace shows its worst agent")
    void worst() {
      Peers peers =
          dev()
              .agent("dev", "a", Duration.ofSeconds(5), 10)
              .agent("dev", "b", Duration.ofMinutes(10), 10);
      assertEquals(StatusDot.RED, rows(peers).get(0).dot());
    }
  }

  @Test
  @DisplayName("the hostname is the shortest FQDN without the trailing dot")
  void hostname() {
    assertEquals(
        "dev.coder", rows(dev().agent("dev", "main", Duration.ofSeconds(1), 5)).get(0).hostname());
    assertEquals("dev.coder", Hostnames.primary(List.of("main.dev.me.coder.", "dev.coder.")));
    assertEquals("a.coder", Hostnames.primary(List.of("b.coder.", "a.coder.")));
    assertEquals("", Hostnames.primary(List.of()));
  }

  @Test
  @DisplayName("running workspaces come first, then by name ignoring case")
  void order() {
    Peers peers =
        Peers.builder()
            .workspace("zeta", RUNNING)
            .workspace("Alpha", Workspace.Status.STOPPED)
            .workspace("beta", RUNNING)
            .workspace("alpha2", RUNNING);
    assertEquals(
        List.of("alpha2", "beta", "zeta", "Alpha"),
        rows(peers).stream().map(WorkspaceRow::name).toList());
  }

  @Test
  @DisplayName("a multi-agent workspace lists every agent, by name, each with its own hostname")
  void multiAgent() {
    WorkspaceRow w =
        rows(Peers.builder()
                .workspace("big", RUNNING)
                .agent("big", "web", Duration.ofSeconds(1), 5)
                .agent("big", "db", null, -1))
            .get(0);
    assertTrue(w.multiAgent());
    assertEquals(List.of("db", "web"), w.agents().stream().map(AgentRow::name).toList());
    assertEquals("db.big.me.coder", w.agents().get(0).hostname());
    assertEquals(AgentHealth.CONNECTING, w.agents().get(0).health());
  }

  @Test
  @DisplayName("agents without an FQDN, a known workspace or a valid id are left out")
  void dropsInvalid() {
    PeerUpdate good = dev().agent("dev", "main", null, -1).build();
    PeerUpdate u =
        good.toBuilder()
            .addUpsertedAgents(good.getUpsertedAgents(0).toBuilder().clearFqdn())
            .addUpsertedAgents(
                Agent.newBuilder()
                    .setId(Peers.bytes(Peers.id("x")))
                    .setWorkspaceId(Peers.bytes(Peers.id("nowhere")))
                    .addFqdn("x.coder."))
            .addUpsertedAgents(
                Agent.newBuilder()
                    .setId(com.google.protobuf.ByteString.copyFromUtf8("short"))
                    .setWorkspaceId(good.getUpsertedWorkspaces(0).getId())
                    .addFqdn("y.coder."))
            .build();
    List<WorkspaceRow> rows = WorkspaceListMapper.map(u, Peers.NOW);
    assertEquals(1, rows.size());
    assertEquals(1, rows.get(0).agents().size());
  }
}
