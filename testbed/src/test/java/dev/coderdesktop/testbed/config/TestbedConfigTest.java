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
}
