// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.disco;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** A ping's 12-byte transaction id, echoed in the Pong. Immutable; compares by value. */
public final class TxId {

  /** Length on the wire. */
  public static final int LENGTH = 12;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;

  private TxId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code LENGTH} bytes from {@code src} at {@code off}. */
  public static TxId of(byte[] src, int off) {
    if (off < 0 || src.length - off < LENGTH) {
      throw new IllegalArgumentException("a transaction id is 12 bytes");
    }
    return new TxId(Arrays.copyOfRange(src, off, off + LENGTH));
  }

  /** A fresh random id. */
  public static TxId random() {
    byte[] b = new byte[LENGTH];
    RANDOM.nextBytes(b);
    return new TxId(b);
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  void copyTo(byte[] dst, int off) {
    System.arraycopy(bytes, 0, dst, off, LENGTH);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TxId t && Arrays.equals(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes, 0, 6);
  }
}
