// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Duration;
import dev.coderdesktop.vpn.proto.wire.Agent;
import dev.coderdesktop.vpn.proto.wire.LastPing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatusColumnsTest {

  @Test
  @DisplayName("the status table shows the last ping's latency and whether it was relayed")
  void latencyAndPath() {
    Agent relayed =
        Agent.newBuilder()
            .setLastPing(
                LastPing.newBuilder()
                    .setLatency(Duration.newBuilder().setNanos(42_500_000))
                    .setPreferredDerp("Coder Embedded Relay"))
            .build();
    assertEquals("42.5ms", CoderDesktopCli.latency(relayed));
    assertEquals("DERP (Coder Embedded Relay)", CoderDesktopCli.path(relayed));
    Agent direct =
        Agent.newBuilder()
            .setLastPing(
                LastPing.newBuilder()
                    .setLatency(Duration.newBuilder().setSeconds(1).setNanos(5_000_000))
                    .setDidP2P(true))
            .build();
    assertEquals("1005.0ms", CoderDesktopCli.latency(direct));
    assertEquals("direct", CoderDesktopCli.path(direct));
    Agent named =
        direct.toBuilder()
            .setLastPing(direct.getLastPing().toBuilder().setDirectEndpoint("192.0.2.1:41641"))
            .build();
    assertEquals("direct 192.0.2.1:41641", CoderDesktopCli.path(named));
    assertEquals("-", CoderDesktopCli.latency(Agent.getDefaultInstance()));
    assertEquals("-", CoderDesktopCli.path(Agent.getDefaultInstance()));
  }
}
