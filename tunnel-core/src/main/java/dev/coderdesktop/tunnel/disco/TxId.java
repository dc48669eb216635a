// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.disco;

import dev.coderdesktop.tunnel.crypto.FixedBytes;

/** A ping's 12-byte transaction id, echoed in the Pong. Immutable; compares by value. */
public final class TxId extends FixedBytes {

  /** Length on the wire. */
  public static final int LENGTH = 12;

  private TxId(byte[] bytes) {
    super(bytes);
  }

  /** Copies {@code LENGTH} bytes from {@code src} at {@code off}. */
  public static TxId of(byte[] src, int off) {
    return new TxId(copyOf(src, off, LENGTH, "a transaction id"));
  }

  /** A fresh random id. */
  public static TxId random() {
    return new TxId(random(LENGTH));
  }

  @Override
  public String toString() {
    return hex(0, 6);
  }
}
