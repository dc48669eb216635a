// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.stun;

/** A datagram that is not the STUN message expected; the receiver drops it. */
public final class StunFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What is wrong with the message. */
  public enum Reason {
    /** Too short for a header, top bits set or no magic cookie. */
    NOT_STUN,
    /** A STUN message of another class or method than the one expected. */
    WRONG_TYPE,
    /** The declared length or an attribute runs past the end, or an attribute is malformed. */
    MALFORMED,
    /** A FINGERPRINT that is not the last attribute or whose CRC does not match. */
    BAD_FINGERPRINT,
    /** A success response without a (XOR-)MAPPED-ADDRESS. */
    NO_ADDRESS
  }

  private final Reason reason;

  /** With a reason and a short detail. */
  public StunFormatException(Reason reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
  }

  /** Why the message was refused. */
  public Reason reason() {
    return reason;
  }
}
