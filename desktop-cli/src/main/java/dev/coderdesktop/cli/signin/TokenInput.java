// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.signin;

import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.Terminal;
import dev.coderdesktop.cli.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where {@code login} reads the token from: a file ({@code --token-file PATH}, or {@code -} for
 * standard input), else the terminal without echo, else the first line of standard input (a pipe).
 * Never echoes or logs the token.
 */
final class TokenInput {

  private TokenInput() {}

  /**
   * Reads the token.
   *
   * @param file the {@code --token-file} value, or null
   * @param prompt what to say on stderr before reading from the terminal
   */
  static String read(Terminal t, Path file, String prompt) throws UserError {
    String token;
    if (file != null && !file.toString().equals("-")) {
      try {
        token = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new UserError(
            ExitCode.USAGE, "cannot read the token file " + file + ": no such file");
      } catch (IOException e) {
        throw new UserError(
            ExitCode.USAGE, "cannot read the token file " + file + ": " + e.getMessage());
      }
    } else if (file == null && t.console() != null) {
      t.err().println(prompt);
      t.err().flush();
      char[] typed = t.console().readPassword("Session token (not shown): ");
      token = typed == null ? "" : new String(typed);
    } else {
      if (file == null) {
        t.err().println(prompt);
        t.err().flush();
      }
      try {
        String line =
            new BufferedReader(new InputStreamReader(t.in(), StandardCharsets.UTF_8)).readLine();
        token = line == null ? "" : line;
      } catch (IOException e) {
        throw new UserError(ExitCode.USAGE, "cannot read the token: " + e.getMessage());
      }
    }
    token = token.strip();
    if (token.isEmpty()) {
      throw new UserError(ExitCode.USAGE, "no session token given");
    }
    return token;
  }
}
