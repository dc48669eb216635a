// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A command line that is {@code status}, optionally with {@code --json} and one {@code --socket},
 * read without picocli. Scripts and status bars run it over and over, and picocli's reflection over
 * the commands' annotations (a proxy class per annotation type, generated at run time and never in
 * the AOT cache) is about a third of its run time. Anything else, including {@code --watch}, help,
 * a repeated or unknown option, goes through picocli; {@code CommandTreeTest} checks that both read
 * these forms alike.
 *
 * @param socket the {@code --socket} value, or null for the default
 * @param json whether {@code --json} was given
 */
record PlainStatus(Path socket, boolean json) {

  /** The plain status command {@code args} is, or empty when picocli must read them. */
  static Optional<PlainStatus> of(String[] args) {
    String socket = null;
    boolean status = false;
    boolean json = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (socket == null && a.equals("--socket") && i + 1 < args.length) {
        socket = args[++i];
      } else if (socket == null && a.startsWith("--socket=")) {
        socket = a.substring("--socket=".length());
      } else if (!status && a.equals("status")) {
        status = true;
      } else if (status && !json && a.equals("--json")) {
        json = true;
      } else {
        return Optional.empty();
      }
    }
    if (!status || socket != null && socket.startsWith("-")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new PlainStatus(socket == null ? null : Path.of(socket), json));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
