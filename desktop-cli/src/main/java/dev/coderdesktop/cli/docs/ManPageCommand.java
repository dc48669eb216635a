// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.docs;

import dev.coderdesktop.cli.CoderDesktopCli;
import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.Subcommand;
import picocli.CommandLine.Command;

/** {@code man}: prints coder-desktop(1) in troff, generated from the command tree. */
@Command(
    name = "man",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Print the man page (troff); man -l <(coder-desktop man) shows it.")
public final class ManPageCommand extends Subcommand {

  @Override
  public Integer call() {
    root.terminal().out().print(ManPage.render(CoderDesktopCli.commandLine(root.terminal())));
    root.terminal().out().flush();
    return ExitCode.OK;
  }
}
