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
    SYSTEM,
    /** The deployment refused the session token (revoked, expired): only signing in again helps. */
    SIGNED_OUT
  }

  private final Kind kind;

  /** Creates the exception; {@code message} never contains the token. */
  public SignInException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /**
   * The deployment refused the token; the message says what it answered and to sign in again.
   * {@code why} never contains the token.
   */
  public static SignInException signedOut(String why) {
    return new SignInException(Kind.SIGNED_OUT, signedOutMessage(why));
  }

  /** The words for a refused token, also used when the engine reports one mid-session. */
  public static String signedOutMessage(String why) {
    return "The deployment no longer accepts your session token ("
        + why
        + "). Sign in again to turn CoderVPN on.";
  }

  /** Why. */
  public Kind kind() {
    return kind;
  }
}
