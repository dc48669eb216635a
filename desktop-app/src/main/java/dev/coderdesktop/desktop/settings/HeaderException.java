// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.settings;

/** A header line the settings window cannot accept; the message names the line and the reason. */
public final class HeaderException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the line. */
  public enum Reason {
    /** No colon between name and value. */
    NO_COLON,
    /** The name has characters HTTP does not allow. */
    BAD_NAME,
    /** The value has control characters. */
    BAD_VALUE,
    /** The name is one the app sets itself. */
    RESERVED
  }

  private final int line;
  private final Reason reason;

  HeaderException(int line, Reason reason, String message) {
    super("Line " + line + ": " + message);
    this.line = line;
    this.reason = reason;
  }

  /** The 1-based line. */
  public int line() {
    return line;
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }
}
