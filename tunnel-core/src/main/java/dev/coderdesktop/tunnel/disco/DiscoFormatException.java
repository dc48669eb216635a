// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.disco;

/** A disco packet or message that cannot be opened or parsed; such input is dropped. */
public final class DiscoFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  /** With a short reason. */
  public DiscoFormatException(String reason) {
    super(reason);
  }
}
