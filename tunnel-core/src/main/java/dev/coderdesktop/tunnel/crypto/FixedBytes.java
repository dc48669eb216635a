// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A value that is a fixed run of bytes on the wire: a key, a transaction id, a timestamp.
 * Immutable: a subclass hands over an array nobody else holds, and the bytes only leave as copies.
 * Two values are equal when they are of the same class and hold the same bytes, compared in
 * constant time so that comparing a secret reveals nothing through timing.
 */
public abstract class FixedBytes {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;

  /** Takes {@code bytes} over; the caller must not keep or change them. */
  protected FixedBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * A copy of {@code length} bytes of {@code src} at {@code off}, for a subclass's parse.
   *
   * @throws IllegalArgumentException if {@code src} holds fewer; {@code what} names the value
   */
  protected static byte[] copyOf(byte[] src, int off, int length, String what) {
    if (off < 0 || src.length - off < length) {
      throw new IllegalArgumentException(what + " is " + length + " bytes");
    }
    return Arrays.copyOfRange(src, off, off + length);
  }

  /** {@code length} bytes from a cryptographically strong generator. */
  protected static byte[] random(int length) {
    byte[] b = new byte[length];
    RANDOM.nextBytes(b);
    return b;
  }

  /** A copy of the bytes. */
  public final byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the bytes into {@code dst} at {@code off}. */
  public final void copyTo(byte[] dst, int off) {
    System.arraycopy(bytes, 0, dst, off, bytes.length);
  }

  /** Byte {@code i}. */
  protected final byte at(int i) {
    return bytes[i];
  }

  /** Lower-case hex of the bytes from {@code from} (inclusive) to {@code to} (exclusive). */
  protected final String hex(int from, int to) {
    return HexFormat.of().formatHex(bytes, from, to);
  }

  /** Orders by the bytes read as one unsigned big-endian number. */
  protected final int compareBytes(FixedBytes other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null
        && o.getClass() == getClass()
        && MessageDigest.isEqual(bytes, ((FixedBytes) o).bytes);
  }

  @Override
  public final int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
