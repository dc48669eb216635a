// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.config;

/** A testbed config file that cannot be used; the message says what to fix. */
public final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** With a message naming the problem. */
  public ConfigException(String message) {
    super(message);
  }
}
