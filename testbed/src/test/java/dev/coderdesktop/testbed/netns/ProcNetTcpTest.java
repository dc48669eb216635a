// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.testbed.deployment.AgentPorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcNetTcpTest {

  @Test
  @DisplayName("only LISTEN rows count, the port read in hex from the local address")
  void parse() {
    List<String> lines =
        List.of(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid",
            "   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0",
            "   1: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0",
            "   2: 0100007F:9C40 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0");
    assertEquals(List.of(8080, 22), ProcNetTcp.parse(lines));
  }

  @Test
  @DisplayName("our own process's namespace shows a socket we listen on")
  void ownNamespace() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<AgentPorts.Port> ports = ProcNetTcp.listening(ProcessHandle.current().pid());
      assertTrue(ports.stream().anyMatch(p -> p.port() == s.getLocalPort()), ports.toString());
    }
  }
}
