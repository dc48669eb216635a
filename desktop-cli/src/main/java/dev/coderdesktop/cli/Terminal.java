// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a command reads and writes: the environment, standard input, standard output (results only)
 * and standard error (prompts, notes, errors), and the console when there is one (for reading a
 * token without echo). Tests build one over buffers. Immutable; the streams are not thread-safe.
 *
 * @param env the environment
 * @param in standard input
 * @param out standard output: results, so {@code --json} output stays parseable
 * @param err standard error
 * @param console the terminal, or null when stdin or stdout is not one
 */
public record Terminal(
    Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, Console console) {

  /** The process's own. */
  public static Terminal system() {
    return new Terminal(
        System.getenv(),
        System.in,
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        System.console());
  }
}
