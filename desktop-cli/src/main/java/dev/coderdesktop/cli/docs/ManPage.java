// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.docs;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Renders the command tree as a man page (man(7) macros): NAME, SYNOPSIS, DESCRIPTION, the global
 * options, one subsection per command with its own options and arguments, EXIT STATUS (the root's
 * footer), FILES and ENVIRONMENT. Stateless.
 */
public final class ManPage {

  /** The variables the CLI reads, each with what it does. */
  private static final List<Map.Entry<String, String>> ENVIRONMENT =
      List.of(
          Map.entry("CODER_DESKTOP_SOCKET", "The service's socket when --socket is not given."),
          Map.entry(
              "CODER_DESKTOP_TOKEN_STORE",
              "Set to file to keep the token in the 0600 file even when a keyring is available."),
          Map.entry("CODER_DESKTOP_DEBUG", "Set to show debug logging and stack traces on stderr."),
          Map.entry("XDG_CONFIG_HOME", "Where the sign-in and settings live (default ~/.config)."));

  /** The files the CLI, the tray and the service keep, each with what it holds. */
  private static final List<Map.Entry<String, String>> FILES =
      List.of(
          Map.entry(
              "~/.config/coder-desktop/desktop.properties",
              "The deployment URL and the tray's settings (no secret)."),
          Map.entry(
              "~/.config/coder-desktop/credentials",
              "URL and token, mode 0600, when there is no keyring."),
          Map.entry("~/.local/state/coder-desktop/tray.log", "The tray app's log."),
          Map.entry("/run/coder-desktop/vpn.sock", "The service's socket."));

  private ManPage() {}

  /** The page for {@code root}. */
  public static String render(CommandLine root) {
    CommandSpec spec = root.getCommandSpec();
    StringBuilder b = new StringBuilder();
    b.append(".TH CODER\\-DESKTOP 1 \"\" \"")
        .append(esc(spec.version()[0]))
        .append("\" \"User Commands\"\n");
    b.append(".SH NAME\ncoder-desktop \\- ")
        .append(esc(String.join(" ", spec.usageMessage().description())))
        .append('\n');
    b.append(
        ".SH SYNOPSIS\n.B coder-desktop\n[\\fB\\-\\-socket\\fR \\fIPATH\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n");
    b.append(
        ".SH DESCRIPTION\nA thin client of the Coder Desktop service: sign in to a Coder deployment,"
            + " turn CoderVPN on and off, and reach workspaces by their .coder names.\n");
    b.append(".SH GLOBAL OPTIONS\n");
    options(b, spec);
    b.append(".SH COMMANDS\n");
    for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
      CommandSpec c = e.getValue().getCommandSpec();
      if (c.usageMessage().hidden()) {
        continue;
      }
      b.append(".SS ").append(e.getKey());
      for (PositionalParamSpec p : c.positionalParameters()) {
        b.append(' ').append(p.arity().min == 0 ? "[" + p.paramLabel() + "]" : p.paramLabel());
      }
      b.append('\n');
      for (String line : c.usageMessage().description()) {
        b.append(esc(line)).append("\n.br\n");
      }
      for (PositionalParamSpec p : c.positionalParameters()) {
        b.append(".TP\n.I ").append(esc(p.paramLabel())).append('\n');
        b.append(esc(String.join(" ", p.description()))).append('\n');
      }
      options(b, c);
    }
    b.append(".SH EXIT STATUS\n");
    for (String line : spec.usageMessage().footer()) {
      b.append(esc(line.strip())).append("\n.br\n");
    }
    section(b, "ENVIRONMENT", ENVIRONMENT);
    section(b, "FILES", FILES);
    b.append(".SH SEE ALSO\ncoder-desktop-tray(1), journalctl(1)\n");
    return b.toString();
  }

  private static void options(StringBuilder b, CommandSpec c) {
    List<OptionSpec> opts = c.options();
    for (OptionSpec o : opts) {
      if (o.hidden() || o.inherited()) {
        continue;
      }
      b.append(".TP\n.B ").append(esc(String.join(", ", o.names())));
      if (o.typeInfo() != null && !o.typeInfo().isBoolean()) {
        b.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
      }
      b.append('\n')
          .append(
              esc(
                  String.join(" ", o.description())
                      .replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()))))
          .append('\n');
    }
  }

  /** A section of tagged paragraphs: each name in bold, its text indented below. */
  private static void section(
      StringBuilder b, String title, List<Map.Entry<String, String>> items) {
    b.append(".SH ").append(title).append('\n');
    for (Map.Entry<String, String> e : items) {
      b.append(".TP\n.B ").append(esc(e.getKey())).append('\n');
      b.append(esc(e.getValue())).append('\n');
    }
  }

  /**
   * Escapes backslashes and hyphens, and a leading dot or quote that troff would read as a request.
   */
  static String esc(String s) {
    String t = s.replace("\\", "\\e").replace("-", "\\-");
    return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
  }
}
