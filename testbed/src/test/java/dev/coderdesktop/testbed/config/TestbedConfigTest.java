// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The config file format: defaults and clear refusals. */
class TestbedConfigTest {

  @Test
  @DisplayName("a minimal file gets Coder's defaults")
  void defaults() {
    TestbedConfig c =
        TestbedConfig.parse(
            "{\"users\":[{\"username\":\"bob\",\"tokens\":[\"t1\"]}],"
                + "\"workspaces\":[{\"name\":\"ws\",\"owner\":\"bob\",\"agents\":[\"main\"]}]}");
    assertEquals("coder", c.hostnameSuffix());
    assertTrue(c.version().startsWith("v2."));
    assertEquals(1, c.workspaces().size());
  }

  @Test
  @DisplayName("unknown owners, duplicate agents, bad names and unknown fields are refused")
  void refusals() {
    String[] bad = {
      "{\"users\":[],\"workspaces\":[{\"name\":\"ws\",\"owner\":\"nobody\",\"agents\":[\"a\"]}]}",
      "{\"users\":[{\"username\":\"bob\"}],"
          + "\"workspaces\":[{\"name\":\"ws\",\"owner\":\"bob\",\"agents\":[\"a\",\"a\"]}]}",
      "{\"users\":[{\"username\":\"Bob Smith\"}]}",
      "{\"users\":[{\"username\":\"bob\",\"tokens\":[\"x\"]},{\"username\":\"eve\",\"tokens\":[\"x\"]}]}",
      "{\"userz\":[]}",
      "not json",
    };
    for (String json : bad) {
      ConfigException e = assertThrows(ConfigException.class, () -> TestbedConfig.parse(json));
      assertTrue(!e.getMessage().isBlank(), json);
    }
  }

  @Test
  @DisplayName("agents get a network shape by name; the rest reach clients through the relay only")
  void networks() {
    TestbedConfig c =
        TestbedConfig.parse(
            "{\"users\":[{\"username\":\"bob\"}],\"disableDirectConnections\":true,"
                + "\"workspaces\":[{\"name\":\"ws\",\"owner\":\"bob\","
                + "\"agents\":[\"a\",\"b\",\"c\"],\"networks\":{\"a\":\"nat\",\"b\":\"hard\"}}]}");
    TestbedConfig.WorkspaceSpec w = c.workspaces().getFirst();
    assertEquals(NetworkShape.NAT, w.network("a"));
    assertEquals(NetworkShape.HARD, w.network("b"));
    assertEquals(NetworkShape.RELAY, w.network("c"));
    assertTrue(c.disableDirectConnections());
  }

  @Test
  @DisplayName("an unknown shape, or a shape for an agent that does not exist, is refused by name")
  void badNetworks() {
    String base = "{\"users\":[{\"username\":\"bob\"}],\"workspaces\":[{\"name\":\"ws\",";
    ConfigException shape =
        assertThrows(
            ConfigException.class,
            () ->
                TestbedConfig.parse(
                    base
                        + "\"owner\":\"bob\",\"agents\":[\"a\"],\"networks\":{\"a\":\"cone\"}}]}"));
    assertTrue(shape.getMessage().contains("cone"), shape.getMessage());
    assertTrue(shape.getMessage().contains("blocked"), shape.getMessage());
    ConfigException agent =
        assertThrows(
            ConfigException.class,
            () ->
                TestbedConfig.parse(
                    base + "\"owner\":\"bob\",\"agents\":[\"a\"],\"networks\":{\"z\":\"nat\"}}]}"));
    assertTrue(agent.getMessage().contains("unknown agent z"), agent.getMessage());
  }
}
