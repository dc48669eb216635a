// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import dev.coderdesktop.cli.status.StatusCommand;
import dev.coderdesktop.cli.vpn.UpCommand;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A command line that is {@code status} (optionally {@code --json}) or {@code up}, with at most one
 * {@code --socket}, read without picocli. These are what scripts, status bars and a toggle run over
 * and over, and picocli's reflection over the commands' annotations (a proxy class per annotation
 * type, generated at run time and never in the AOT cache) is about a third of their run time.
 * Anything else, {@code up --header}, {@code status --watch}, help, a repeated or unknown option,
 * goes through picocli; {@code CommandTreeTest} checks that both read these forms alike.
 *
 * @param command {@code status} or {@code up}
 * @param socket the {@code --socket} value, or null for the default
 * @param json whether {@code --json} was given (status only)
 */
record PlainCommand(String command, Path socket, boolean json) {

  /** The plain command {@code args} are, or empty when picocli must read them. */
  static Optional<PlainCommand> of(String[] args) {
    String command = null;
    String socket = null;
    boolean json = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (socket == null && a.equals("--socket") && i + 1 < args.length) {
        socket = args[++i];
      } else if (socket == null && a.startsWith("--socket=")) {
        socket = a.substring("--socket=".length());
      } else if (command == null && (a.equals("status") || a.equals("up"))) {
        command = a;
      } else if ("status".equals(command) && !json && a.equals("--json")) {
        json = true;
      } else {
        return Optional.empty();
      }
    }
    // A value like an option, or picocli's @file, is picocli's to read.
    if (command == null || socket != null && (socket.startsWith("-") || socket.startsWith("@"))) {
      return Optional.empty();
    }
    try {
      return Optional.of(new PlainCommand(command, socket == null ? null : Path.of(socket), json));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** The command under {@code root}, set up as picocli would. */
  Subcommand under(CoderDesktopCli root) {
    root.socket = socket;
    return command.equals("up") ? UpCommand.of(root) : StatusCommand.of(root, json);
  }
}
