// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.coderdesktop.tunnel.connect.AgentPing;
import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.control.proto.Workspace;
import dev.coderdesktop.vpn.proto.wire.Agent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatusMapperTest {

  private static final UUID AGENT = UUID.randomUUID();

  private static Agent map(AgentPing ping) {
    AgentView v =
        new AgentView(
            AGENT,
            "main",
            UUID.randomUUID(),
            "dev",
            Workspace.Status.RUNNING,
            List.of("dev.coder"),
            TailnetAddresses.agentAddress(AGENT),
            -1,
            ping);
    return StatusMapper.peerUpdate(List.of(v), t -> Instant.EPOCH).getUpsertedAgents(0);
  }

  @Test
  @DisplayName("the last ping fills last_ping: latency, DERP path, region name and its latency")
  void lastPing() {
    Agent a =
        map(
            new AgentPing(
                Duration.ofNanos(42_500_000),
                false,
                999,
                "Coder Embedded Relay",
                Duration.ofMillis(12),
                0));
    assertEquals(0, a.getLastPing().getLatency().getSeconds());
    assertEquals(42_500_000, a.getLastPing().getLatency().getNanos());
    assertFalse(a.getLastPing().getDidP2P());
    assertEquals("Coder Embedded Relay", a.getLastPing().getPreferredDerp());
    assertEquals(12_000_000, a.getLastPing().getPreferredDerpLatency().getNanos());
  }

  @Test
  @DisplayName("an unmeasured region leaves preferred_derp_latency unset; no ping, no last_ping")
  void absent() {
    Agent a = map(new AgentPing(Duration.ofSeconds(1), false, 7, "Unnamed 7", null, 0));
    assertEquals(1, a.getLastPing().getLatency().getSeconds());
    assertFalse(a.getLastPing().hasPreferredDerpLatency());
    assertFalse(a.hasLastHandshake());
    assertFalse(map(null).hasLastPing());
  }
}
