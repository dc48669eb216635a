// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.stun;

import dev.coderdesktop.tunnel.stun.StunFormatException.Reason;

/**
 * The 20-byte STUN header (RFC 5389 section 6) and the attribute walk after it:
 *
 * <pre>
 *   type (2, top two bits 0) ‖ length of the attributes (2) ‖ magic cookie 2112a442 ‖ txid (12)
 *   attribute: type (2) ‖ length (2) ‖ value, padded with zeros to a multiple of 4
 * </pre>
 *
 * Stateless.
 */
public final class StunHeader {

  /** Bytes in the header. */
  public static final int LENGTH = 20;

  /** The fixed cookie at bytes 4..8, which also tells STUN apart from WireGuard and disco. */
  public static final int MAGIC_COOKIE = 0x2112a442;

  /** Message type of a binding request. */
  static final int BINDING_REQUEST = 0x0001;

  /** Message type of a binding success response. */
  static final int BINDING_SUCCESS = 0x0101;

  static final int ATTR_MAPPED_ADDRESS = 0x0001;
  static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;

  /**
   * XOR-MAPPED-ADDRESS under a comprehension-optional number, which some servers send by mistake
   * (tailnet clients accept it too).
   */
  static final int ATTR_XOR_MAPPED_ADDRESS_ALT = 0x8020;

  static final int ATTR_SOFTWARE = 0x8022;
  static final int ATTR_FINGERPRINT = 0x8028;

  private StunHeader() {}

  /** Receives one attribute of a message. */
  @FunctionalInterface
  interface AttributeVisitor {
    /** Attribute {@code type} whose value is {@code length} bytes of {@code msg} at {@code off}. */
    void visit(int type, int off, int length) throws StunFormatException;
  }

  /**
   * Whether {@code len} bytes of {@code b} at {@code off} start like a STUN message: a header's
   * worth of bytes, the two top bits zero and the magic cookie in place.
   */
  public static boolean isStun(byte[] b, int off, int len) {
    return len >= LENGTH
        && off >= 0
        && b.length - off >= len
        && (b[off] & 0xc0) == 0
        && u32(b, off + 4) == MAGIC_COOKIE;
  }

  /** Whether {@code b} as a whole starts like a STUN message. */
  public static boolean isStun(byte[] b) {
    return isStun(b, 0, b.length);
  }

  /** The message type (class and method). */
  static int type(byte[] b) {
    return u16(b, 0);
  }

  /**
   * Checks that {@code b} is a STUN message of {@code type} whose declared length fits, and returns
   * its transaction id; {@code notThatType} words the error for another type.
   */
  static TransactionId checkedTxId(byte[] b, int type, String notThatType)
      throws StunFormatException {
    checkedBodyLength(b);
    if (type(b) != type) {
      throw new StunFormatException(Reason.WRONG_TYPE, notThatType);
    }
    return TransactionId.of(b, 8);
  }

  /**
   * Checks that {@code b} is STUN and its declared length fits, and returns that length (attribute
   * bytes after the header); bytes past it are ignored.
   */
  private static int checkedBodyLength(byte[] b) throws StunFormatException {
    if (!isStun(b)) {
      throw new StunFormatException(Reason.NOT_STUN, b.length + " bytes");
    }
    int declared = u16(b, 2);
    if (declared > b.length - LENGTH) {
      throw new StunFormatException(
          Reason.MALFORMED, "declares " + declared + " bytes, has " + (b.length - LENGTH));
    }
    return declared;
  }

  /**
   * Walks the attributes within the declared length of a message {@link #checkedTxId} accepted. A
   * FINGERPRINT must be the last attribute and match, which is checked before the visitor sees it.
   */
  static void forEachAttribute(byte[] b, AttributeVisitor visitor) throws StunFormatException {
    int at = LENGTH;
    int end = LENGTH + checkedBodyLength(b);
    while (at < end) {
      if (end - at < 4) {
        throw new StunFormatException(Reason.MALFORMED, "truncated attribute header");
      }
      int type = u16(b, at);
      int length = u16(b, at + 2);
      int padded = (length + 3) & ~3;
      if (padded > end - at - 4) {
        throw new StunFormatException(Reason.MALFORMED, "attribute runs past the message");
      }
      if (type == ATTR_FINGERPRINT) {
        Fingerprint.verify(b, at + 4, length, end);
      }
      visitor.visit(type, at + 4, length);
      at += 4 + padded;
    }
  }

  /** Writes a header for {@code type} with {@code bodyLength} attribute bytes. */
  static void write(byte[] dst, int type, int bodyLength, TransactionId tx) {
    putU16(dst, 0, type);
    putU16(dst, 2, bodyLength);
    putU32(dst, 4, MAGIC_COOKIE);
    tx.copyTo(dst, 8);
  }

  static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  static int u32(byte[] b, int off) {
    return (u16(b, off) << 16) | u16(b, off + 2);
  }

  static void putU16(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }

  static void putU32(byte[] b, int off, int v) {
    putU16(b, off, v >>> 16);
    putU16(b, off + 2, v);
  }
}
