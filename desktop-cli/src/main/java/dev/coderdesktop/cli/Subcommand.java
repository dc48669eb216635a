// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/**
 * A subcommand of {@code coder-desktop}: it reaches the terminal, the service and the sign-in
 * through {@link #root}, which picocli sets before {@link #call()}, and ends in an exit code or an
 * exception that the root prints (see {@link ExitCode}).
 */
public abstract class Subcommand implements Callable<Integer> {

  /** The root command, set by picocli. */
  @ParentCommand protected CoderDesktopCli root;

  /** For the subcommands. */
  protected Subcommand() {}

  @Override
  public abstract Integer call() throws UserError, IOException;
}
