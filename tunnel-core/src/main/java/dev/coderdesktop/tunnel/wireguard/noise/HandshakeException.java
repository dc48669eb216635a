// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.noise;

/** A handshake message could not be created or accepted; {@link #reason()} says why. */
public final class HandshakeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a handshake step failed. */
  public enum Reason {
    /** The message has the wrong size or type. */
    MALFORMED,
    /** An AEAD tag did not verify: wrong keys, wrong psk, or tampering. */
    DECRYPT_FAILED,
    /** A Diffie-Hellman result was all zeros: a low-order public key. */
    LOW_ORDER_KEY,
    /** The handshake is not in the state this step needs. */
    WRONG_STATE,
    /** The initiation's static key is not the one this handshake expects. */
    UNKNOWN_PEER
  }

  private final Reason reason;

  /** Creates the exception. */
  public HandshakeException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Why the step failed. */
  public Reason reason() {
    return reason;
  }
}
