// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.crypto;

/** A key's text was not 32 bytes of valid base64 or hex. The message never contains the text. */
public final class KeyFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a reason that must not include the offending text. */
  public KeyFormatException(String reason) {
    super(reason);
  }
}
