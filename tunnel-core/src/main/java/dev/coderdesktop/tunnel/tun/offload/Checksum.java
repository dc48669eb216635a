// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun.offload;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071): a one's complement sum of 16-bit big-endian words, carried in a
 * {@code long} until folded. Stateless.
 */
public final class Checksum {

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private Checksum() {}

  /**
   * Adds {@code b[off, off+len)} as big-endian 16-bit words (an odd last byte padded with zero) to
   * {@code initial}; the result is unfolded.
   */
  public static long sum(byte[] b, int off, int len, long initial) {
    long acc = initial;
    int i = off;
    int end = off + len;
    // Eight bytes at a time: the two 32-bit halves added into 64 bits cannot overflow for any
    // packet this code sees (2^32 words).
    for (; i + 8 <= end; i += 8) {
      long v = (long) LONG_BE.get(b, i);
      acc += (v >>> 32) + (v & 0xffffffffL);
    }
    for (; i + 2 <= end; i += 2) {
      acc += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
    if (i < end) {
      acc += (b[i] & 0xff) << 8;
    }
    return acc;
  }

  /** Folds a sum to 16 bits (not complemented). */
  public static int fold(long sum) {
    long s = sum;
    while ((s >>> 16) != 0) {
      s = (s & 0xffff) + (s >>> 16);
    }
    return (int) s;
  }

  /**
   * The pseudo-header sum for TCP or UDP: source and destination addresses ({@code addrLen} bytes
   * each, the source at {@code addrOff}, the destination right after it, as both IP versions lay
   * them out), the protocol and the transport length.
   */
  public static long pseudoHeader(byte[] b, int addrOff, int addrLen, int protocol, int length) {
    return sum(b, addrOff, 2 * addrLen, 0) + protocol + length;
  }

  /** Writes {@code value} as a big-endian 16-bit word at {@code off}. */
  static void put16(byte[] b, int off, int value) {
    b[off] = (byte) (value >>> 8);
    b[off + 1] = (byte) value;
  }

  /** Reads a big-endian 16-bit word at {@code off}. */
  static int get16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  /** Reads a big-endian 32-bit word at {@code off}. */
  static int get32(byte[] b, int off) {
    return (get16(b, off) << 16) | get16(b, off + 2);
  }

  /** Writes a big-endian 32-bit word at {@code off}. */
  static void put32(byte[] b, int off, int value) {
    put16(b, off, value >>> 16);
    put16(b, off + 2, value);
  }

  /**
   * Recomputes an IPv4 header's checksum in place (the header at {@code off}, {@code ihl} bytes).
   */
  static void ipv4Header(byte[] b, int off, int ihl) {
    put16(b, off + 10, 0);
    put16(b, off + 10, ~fold(sum(b, off, ihl, 0)) & 0xffff);
  }
}
