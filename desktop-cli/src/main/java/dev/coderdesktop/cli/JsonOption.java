// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --json} option of the commands that list things, mixed into each so that it reads the
 * same everywhere (the schemas are in docs/cli.md). picocli fills the field on the command's
 * thread.
 */
public final class JsonOption {

  @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
  boolean json;

  /** Whether {@code --json} was given. */
  public boolean given() {
    return json;
  }
}
