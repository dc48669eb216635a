// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.stun;

import dev.coderdesktop.tunnel.crypto.FixedBytes;

/** A STUN transaction id: 96 random bits that a response echoes. Immutable; compares by value. */
public final class TransactionId extends FixedBytes {

  /** Length on the wire. */
  public static final int LENGTH = 12;

  private TransactionId(byte[] bytes) {
    super(bytes);
  }

  /** Copies {@link #LENGTH} bytes from {@code src} at {@code off}. */
  public static TransactionId of(byte[] src, int off) {
    return new TransactionId(copyOf(src, off, LENGTH, "a STUN transaction id"));
  }

  /** A fresh random id. */
  public static TransactionId random() {
    return new TransactionId(random(LENGTH));
  }

  @Override
  public String toString() {
    return hex(0, LENGTH);
  }
}
