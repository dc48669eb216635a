// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.crypto;

/** An X25519 agreement produced the all-zero secret: the peer sent a low-order point. */
public final class InvalidSharedSecretException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InvalidSharedSecretException() {
    super("X25519 agreement produced an all-zero shared secret");
  }
}
