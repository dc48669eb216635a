// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

/** Starting a session failed before the tunnel came up; the message is fit for the user. */
public final class SignInException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Kind {
    /** The URL, token or server version was refused. */
    REFUSED,
    /** The deployment could not be reached. */
    UNREACHABLE,
    /** The operating system refused the TUN device, address, route or DNS socket. */
    SYSTEM
  }

  private final Kind kind;

  /** Creates the exception; {@code message} never contains the token. */
  public SignInException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** Why. */
  public Kind kind() {
    return kind;
  }
}
