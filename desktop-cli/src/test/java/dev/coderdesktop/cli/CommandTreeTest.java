// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** The table of subcommands and the choice of the one a command line names. */
class CommandTreeTest {

  @Test
  void everyNameIsTheCommandsOwn() {
    for (Map.Entry<String, java.util.function.Supplier<Object>> e :
        CoderDesktopCli.SUBCOMMANDS.entrySet()) {
      Command c = e.getValue().get().getClass().getAnnotation(Command.class);
      assertEquals(e.getKey(), c.name(), e.getValue().get().getClass().getName());
    }
  }

  @Test
  void theWholeTreeHasEveryCommandInTableOrder() {
    List<String> names =
        new ArrayList<>(CoderDesktopCli.commandLine(quiet()).getSubcommands().keySet());
    names.remove("help");
    assertEquals(new ArrayList<>(CoderDesktopCli.SUBCOMMANDS.keySet()), names);
  }

  @Test
  void findsTheNamedCommandPastRootOptions() {
    assertEquals("status", CoderDesktopCli.subcommandNamed(new String[] {"status"}));
    assertEquals(
        "up", CoderDesktopCli.subcommandNamed(new String[] {"--socket", "/x/up", "up", "--help"}));
    assertEquals("hosts", CoderDesktopCli.subcommandNamed(new String[] {"--socket=/s", "hosts"}));
    assertEquals("ping", CoderDesktopCli.subcommandNamed(new String[] {"ping", "-h", "ws"}));
  }

  @Test
  void aCommandRunAloneStillHasTheRootOptionsAndErrors() {
    CliRun r = CliRun.run(Map.of(), "", "--socket", "/nonexistent/vpn.sock", "status");
    assertEquals(ExitCode.SERVICE_UNAVAILABLE, r.exit(), r.err());
    CliRun bad = CliRun.run(Map.of(), "", "status", "--no-such-option");
    assertEquals(ExitCode.USAGE, bad.exit(), bad.err());
    assertEquals(
        "coder-desktop: Unknown option: '--no-such-option' (see: coder-desktop status --help)",
        bad.err().strip());
  }

  @Test
  void plainCommandsReadWhatPicocliReads() {
    List<String[]> plain =
        List.of(
            new String[] {"status"},
            new String[] {"status", "--json"},
            new String[] {"--socket", "/s", "status"},
            new String[] {"--socket=/s", "status", "--json"},
            new String[] {"status", "--socket", "/s"},
            new String[] {"status", "--json", "--socket=/x"},
            new String[] {"--socket=", "status"},
            new String[] {"up"},
            new String[] {"--socket", "/s", "up"},
            new String[] {"up", "--socket=/s"});
    for (String[] args : plain) {
      PlainCommand p = PlainCommand.of(args).orElseThrow(() -> new AssertionError(List.of(args)));
      ParseResult r = CoderDesktopCli.commandLine(quiet()).parseArgs(args);
      CoderDesktopCli root = (CoderDesktopCli) r.commandSpec().userObject();
      assertEquals(root.socket, p.socket(), List.of(args).toString());
      assertEquals(r.subcommand().commandSpec().name(), p.command(), List.of(args).toString());
      assertEquals(
          r.subcommand().matchedOptionValue("--json", false), p.json(), List.of(args).toString());
      // Nothing else was given: a plain up has StartOptions' defaults.
      assertTrue(
          r.subcommand().matchedOptions().stream()
              .allMatch(o -> List.of("--socket", "--json").contains(o.longestName())),
          List.of(args).toString());
    }
  }

  @Test
  void anythingElseGoesThroughPicocli() {
    List<String[]> others =
        List.of(
            new String[] {},
            new String[] {"hosts"},
            new String[] {"status", "--watch"},
            new String[] {"status", "--json", "--json"},
            new String[] {"--socket", "/a", "--socket", "/b", "status"},
            new String[] {"status", "-h"},
            new String[] {"status", "extra"},
            new String[] {"--json", "status"},
            new String[] {"--socket", "--json", "status"},
            new String[] {"--socket", "status"},
            new String[] {"--socket", "@args", "status"},
            new String[] {"--socket=@args", "up"},
            new String[] {"--socket=/a\0b", "status"},
            new String[] {"--help", "status"},
            new String[] {"up", "--no-direct"},
            new String[] {"up", "--header", "X=1"},
            new String[] {"up", "--json"},
            new String[] {"up", "status"},
            new String[] {"status", "up"});
    for (String[] args : others) {
      assertTrue(PlainCommand.of(args).isEmpty(), List.of(args).toString());
    }
    CliRun repeated = CliRun.run(Map.of(), "", "status", "--json", "--json");
    assertEquals(ExitCode.USAGE, repeated.exit(), repeated.err());
  }

  private static Terminal quiet() {
    return new Terminal(
        Map.of(),
        new ByteArrayInputStream(new byte[0]),
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()),
        null);
  }

  @Test
  void anUnknownOrMissingCommandGetsTheWholeTree() {
    assertNull(CoderDesktopCli.subcommandNamed(new String[] {}));
    assertNull(CoderDesktopCli.subcommandNamed(new String[] {"--help"}));
    assertNull(CoderDesktopCli.subcommandNamed(new String[] {"stauts"}));
    assertNull(CoderDesktopCli.subcommandNamed(new String[] {"--socket", "status"}));
    assertNull(CoderDesktopCli.subcommandNamed(new String[] {"--help", "status"}));
    assertNull(CoderDesktopCli.subcommandNamed(new String[] {"-h", "status"}));
  }
}
