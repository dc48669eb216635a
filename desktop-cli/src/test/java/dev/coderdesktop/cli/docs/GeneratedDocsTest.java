// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.cli.CliRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GeneratedDocsTest {

  private static final List<String> COMMANDS =
      List.of(
          "login",
          "logout",
          "deployments",
          "use",
          "up",
          "down",
          "status",
          "hosts",
          "shared",
          "ping",
          "netcheck",
          "bugreport",
          "start",
          "stop",
          "ports",
          "apps");

  @Test
  @DisplayName("the completion script knows every command and status --json")
  void completion() {
    CliRun r = CliRun.run(Map.of(), "", "completion");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("complete -F"), "a bash completion function");
    for (String c : COMMANDS) {
      assertTrue(r.out().contains(c), c);
    }
    assertTrue(r.out().contains("--json"));
  }

  @Test
  @DisplayName("the man page has the sections and every command, exit codes included")
  void manPage() {
    CliRun r = CliRun.run(Map.of(), "", "man");
    assertEquals(0, r.exit(), r.err());
    String page = r.out();
    for (String s :
        List.of(".TH CODER\\-DESKTOP 1", ".SH NAME", ".SH SYNOPSIS", ".SH EXIT STATUS")) {
      assertTrue(page.contains(s), s);
    }
    for (String c : COMMANDS) {
      assertTrue(page.contains(".SS " + c), c);
    }
    assertTrue(page.contains("5  netcheck"), "the exit codes");
  }
}
