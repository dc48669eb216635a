// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressingTest {

  @Test
  @DisplayName("an agent's address is its UUID under the Coder and Tailscale prefixes")
  void agentAddress() throws Exception {
    UUID id = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    assertEquals(
        InetAddress.getByName("fd60:627a:a42b:11d1:80b4:c0:4fd4:30c8"),
        TailnetAddresses.agentAddress(id));
    assertEquals(
        InetAddress.getByName("fd7a:115c:a1e0:11d1:80b4:c0:4fd4:30c8"),
        TailnetAddresses.agentAddress(id, TailnetAddresses.TAILSCALE_PREFIX));
  }

  @Test
  @DisplayName("the client address is random, in the Coder prefix, shaped like a v4 UUID")
  void clientAddress() {
    Inet6Address a = TailnetAddresses.randomClientAddress();
    Inet6Address b = TailnetAddresses.randomClientAddress();
    assertNotEquals(a, b);
    assertTrue(TailnetAddresses.inCoderPrefix(a));
    byte[] bytes = a.getAddress();
    assertEquals(0x40, bytes[6] & 0xf0);
    assertEquals(0x80, bytes[8] & 0xc0);
    assertEquals("fd60:627a:a42b:0:0:0:0:53", TailnetAddresses.DNS_ADDRESS.getHostAddress());
  }

  @ParameterizedTest(name = "{0}/{1} of {2} ({3} agents) under \"{4}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "main | dev | alice | 1 | coder | main.dev.me.coder,main.dev.alice.coder,dev.coder",
        "Main | Dev | Alice | 2 | coder | main.dev.me.coder,main.dev.alice.coder",
        "web | box | bob | 1 | '' | web.box.me.coder,web.box.bob.coder,box.coder",
        "web | box | bob | 1 | corp. | web.box.me.corp,web.box.bob.corp,box.corp",
      })
  @DisplayName("hostnames follow Coder Connect's three forms")
  void hostnames(String agent, String ws, String owner, int agents, String suffix, String want) {
    assertEquals(List.of(want.split(",")), AgentHostnames.names(agent, ws, owner, agents, suffix));
  }

  @Test
  @DisplayName("the preferred name is the bare workspace when it has one agent")
  void preferred() {
    assertEquals("dev.coder", AgentHostnames.preferred("main", "dev", "alice", 1, "coder"));
    assertEquals("main.dev.me.coder", AgentHostnames.preferred("main", "dev", "alice", 2, "coder"));
  }
}
