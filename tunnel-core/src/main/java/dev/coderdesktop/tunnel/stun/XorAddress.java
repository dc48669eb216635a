// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.stun;

import dev.coderdesktop.tunnel.stun.StunFormatException.Reason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The value of (XOR-)MAPPED-ADDRESS (RFC 5389 sections 15.1 and 15.2): a zero byte, the family (1
 * IPv4, 2 IPv6), the port, then the address. In the XOR form the port is XORed with the cookie's
 * top half and the address with the cookie followed by the transaction id. Stateless.
 */
final class XorAddress {

  private static final int FAMILY_IPV4 = 1;
  private static final int FAMILY_IPV6 = 2;

  private XorAddress() {}

  /** Bytes of the attribute value for an address of this family. */
  static int valueLength(InetAddress a) {
    return 4 + a.getAddress().length;
  }

  /** Writes the XOR form of {@code address} as a value at {@code off}. */
  static void write(byte[] dst, int off, InetSocketAddress address, TransactionId tx) {
    byte[] ip = address.getAddress().getAddress();
    byte[] txBytes = tx.bytes();
    dst[off] = 0;
    dst[off + 1] = (byte) (ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6);
    StunHeader.putU16(dst, off + 2, address.getPort() ^ (StunHeader.MAGIC_COOKIE >>> 16));
    for (int i = 0; i < ip.length; i++) {
      dst[off + 4 + i] = (byte) (ip[i] ^ mask(txBytes, i));
    }
  }

  /** Reads a value of {@code length} bytes at {@code off}; {@code xor} for the XOR form. */
  static InetSocketAddress read(byte[] b, int off, int length, TransactionId tx, boolean xor)
      throws StunFormatException {
    if (length < 4) {
      throw new StunFormatException(Reason.MALFORMED, "address attribute too short");
    }
    int ipLength =
        switch (b[off + 1]) {
          case FAMILY_IPV4 -> 4;
          case FAMILY_IPV6 -> 16;
          default -> throw new StunFormatException(Reason.MALFORMED, "unknown address family");
        };
    if (length < 4 + ipLength) {
      throw new StunFormatException(Reason.MALFORMED, "address shorter than its family");
    }
    int port = StunHeader.u16(b, off + 2);
    byte[] ip = new byte[ipLength];
    byte[] txBytes = tx.bytes();
    for (int i = 0; i < ipLength; i++) {
      ip[i] = (byte) (b[off + 4 + i] ^ (xor ? mask(txBytes, i) : 0));
    }
    if (xor) {
      port ^= StunHeader.MAGIC_COOKIE >>> 16;
    }
    return new InetSocketAddress(unmapped(ip), port);
  }

  /** Byte {@code i} of the magic cookie followed by the transaction id {@code tx}. */
  private static byte mask(byte[] tx, int i) {
    return i < 4 ? (byte) (StunHeader.MAGIC_COOKIE >>> (24 - 8 * i)) : tx[i - 4];
  }

  /**
   * The address; the JDK already turns an IPv4-mapped IPv6 one into IPv4, which is how the tailnet
   * compares endpoints.
   */
  private static InetAddress unmapped(byte[] ip) {
    try {
      return InetAddress.getByAddress(ip);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
  }
}
