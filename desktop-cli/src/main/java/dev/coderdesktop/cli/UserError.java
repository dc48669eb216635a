// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

/**
 * A failure the user can act on: printed as one line on stderr (never a stack trace) and turned
 * into the exit code it carries. Never put a token in its message.
 */
public final class UserError extends Exception {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * @param exitCode one of {@link ExitCode}'s values
   * @param message one sentence: what went wrong and, where known, what to do
   */
  public UserError(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** The exit code. */
  public int exitCode() {
    return exitCode;
  }
}
