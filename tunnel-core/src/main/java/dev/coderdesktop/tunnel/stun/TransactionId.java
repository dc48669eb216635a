// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.stun;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** A STUN transaction id: 96 random bits that a response echoes. Immutable; compares by value. */
public final class TransactionId {

  /** Length on the wire. */
  public static final int LENGTH = 12;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;

  private TransactionId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@link #LENGTH} bytes from {@code src} at {@code off}. */
  public static TransactionId of(byte[] src, int off) {
    if (off < 0 || src.length - off < LENGTH) {
      throw new IllegalArgumentException("a STUN transaction id is 12 bytes");
    }
    return new TransactionId(Arrays.copyOfRange(src, off, off + LENGTH));
  }

  /** A fresh random id. */
  public static TransactionId random() {
    byte[] b = new byte[LENGTH];
    RANDOM.nextBytes(b);
    return new TransactionId(b);
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  byte at(int i) {
    return bytes[i];
  }

  void copyTo(byte[] dst, int off) {
    System.arraycopy(bytes, 0, dst, off, LENGTH);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransactionId t && Arrays.equals(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
