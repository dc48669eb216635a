// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.docs;

import dev.coderdesktop.cli.CoderDesktopCli;
import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.Subcommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code completion}: prints the shell completion script generated from the command tree. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print the bash completion script (zsh: autoload bashcompinit; bashcompinit first).",
      "The package installs it; from a checkout: source <(bin/coder-desktop completion)"
    })
public final class CompletionCommand extends Subcommand {

  @Override
  public Integer call() {
    CommandLine tree = CoderDesktopCli.commandLine(root.terminal());
    root.terminal().out().print(AutoComplete.bash("coder-desktop", tree));
    root.terminal().out().flush();
    return ExitCode.OK;
  }
}
