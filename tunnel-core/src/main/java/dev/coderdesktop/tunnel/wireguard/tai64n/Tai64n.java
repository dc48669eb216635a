// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.tai64n;

import dev.coderdesktop.tunnel.crypto.FixedBytes;
import java.time.Instant;

/**
 * A 12-byte TAI64N timestamp as WireGuard sends in handshake initiations: 8 bytes of seconds offset
 * by 2^62 + 10, then 4 bytes of nanoseconds, both big-endian. Immutable. Ordering is byte-wise,
 * which is how a responder rejects replayed initiations.
 */
public final class Tai64n extends FixedBytes implements Comparable<Tai64n> {

  /** Encoded length. */
  public static final int LENGTH = 12;

  private static final long BASE = 0x400000000000000aL;

  // Nanoseconds are rounded down to ~16 ms so the timestamp does not leak precise clock readings.
  private static final int WHITENER_MASK = 0x1000000 - 1;

  private Tai64n(byte[] bytes) {
    super(bytes);
  }

  /** The whitened timestamp of {@code t}. */
  public static Tai64n of(Instant t) {
    byte[] b = new byte[LENGTH];
    long secs = BASE + t.getEpochSecond();
    int nanos = t.getNano() & ~WHITENER_MASK;
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (secs >>> (56 - 8 * i));
    }
    for (int i = 0; i < 4; i++) {
      b[8 + i] = (byte) (nanos >>> (24 - 8 * i));
    }
    return new Tai64n(b);
  }

  /** Decodes 12 bytes. */
  public static Tai64n decode(byte[] src, int off) {
    return new Tai64n(copyOf(src, off, LENGTH, "TAI64N"));
  }

  /** The all-zero timestamp, earlier than any real one. */
  public static Tai64n zero() {
    return new Tai64n(new byte[LENGTH]);
  }

  /** Whether this timestamp is strictly later than {@code other}. */
  public boolean isAfter(Tai64n other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(Tai64n o) {
    return compareBytes(o);
  }

  @Override
  public String toString() {
    return "Tai64n(" + hex(0, LENGTH) + ")";
  }
}
