// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.stun;

import dev.coderdesktop.tunnel.stun.StunFormatException.Reason;
import java.util.zip.CRC32;

/**
 * The FINGERPRINT attribute (RFC 5389 section 15.5): the CRC-32 of the message up to the attribute,
 * XORed with 0x5354554e ("STUN"). The message length in the header must already count the
 * fingerprint's 8 bytes when it is computed. Stateless.
 */
final class Fingerprint {

  /** Attribute header and the 4-byte CRC. */
  static final int ATTRIBUTE_LENGTH = 8;

  private static final int XOR = 0x5354554e;

  private Fingerprint() {}

  /** The fingerprint value of the first {@code length} bytes of {@code b}. */
  static int of(byte[] b, int length) {
    CRC32 crc = new CRC32();
    crc.update(b, 0, length);
    return (int) crc.getValue() ^ XOR;
  }

  /** Writes the attribute at {@code off}, over the bytes before it. */
  static void append(byte[] b, int off) {
    StunHeader.putU16(b, off, StunHeader.ATTR_FINGERPRINT);
    StunHeader.putU16(b, off + 2, 4);
    StunHeader.putU32(b, off + 4, of(b, off));
  }

  /**
   * Checks a FINGERPRINT whose value sits at {@code valueOff} with {@code length} bytes, in a
   * message whose attributes end at {@code end}: it must be last, 4 bytes, and match.
   */
  static void verify(byte[] b, int valueOff, int length, int end) throws StunFormatException {
    if (length != 4 || valueOff + 4 != end) {
      throw new StunFormatException(Reason.BAD_FINGERPRINT, "not the last 4-byte attribute");
    }
    if (StunHeader.u32(b, valueOff) != of(b, valueOff - 4)) {
      throw new StunFormatException(Reason.BAD_FINGERPRINT, "CRC mismatch");
    }
  }
}
