// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Coder Connect's IPv6 addressing: everything lives in the Coder service prefix {@code
 * fd60:627a:a42b::/48}; an agent's address is its UUID with the first six bytes replaced by the
 * prefix; the client takes a random address in the same prefix. Stateless.
 */
public final class TailnetAddresses {

  /** The prefix Coder Connect routes into the TUN device. */
  public static final byte[] CODER_PREFIX = {(byte) 0xfd, 0x60, 0x62, 0x7a, (byte) 0xa4, 0x2b};

  /** Tailscale's historic prefix; agents advertise their UUID under it as well. */
  public static final byte[] TAILSCALE_PREFIX = {
    (byte) 0xfd, 0x7a, 0x11, 0x5c, (byte) 0xa1, (byte) 0xe0
  };

  /** Length of the prefixes in bits. */
  public static final int PREFIX_BITS = 48;

  /** The DNS resolver address as people write it. */
  public static final String DNS_ADDRESS_TEXT = "fd60:627a:a42b::53";

  /** The DNS resolver address inside the prefix, {@code fd60:627a:a42b::53}. */
  public static final Inet6Address DNS_ADDRESS = withPrefix(CODER_PREFIX, new byte[16], 0x53);

  private static final SecureRandom RANDOM = new SecureRandom();

  private TailnetAddresses() {}

  /** The agent's address under the Coder prefix. */
  public static Inet6Address agentAddress(UUID agentId) {
    return agentAddress(agentId, CODER_PREFIX);
  }

  /** The agent's address under {@code prefix} (6 bytes). */
  public static Inet6Address agentAddress(UUID agentId, byte[] prefix) {
    byte[] b =
        ByteBuffer.allocate(16)
            .putLong(agentId.getMostSignificantBits())
            .putLong(agentId.getLeastSignificantBits())
            .array();
    return withPrefix(prefix, b, -1);
  }

  /**
   * A fresh random client address in the Coder prefix, made from a version-4 UUID as Coder does.
   */
  public static Inet6Address randomClientAddress() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    return withPrefix(CODER_PREFIX, b, -1);
  }

  /** Whether {@code address} lies in the Coder prefix. */
  public static boolean inCoderPrefix(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != 16) {
      return false;
    }
    for (int i = 0; i < CODER_PREFIX.length; i++) {
      if (a[i] != CODER_PREFIX[i]) {
        return false;
      }
    }
    return true;
  }

  private static Inet6Address withPrefix(byte[] prefix, byte[] b, int lastByte) {
    System.arraycopy(prefix, 0, b, 0, prefix.length);
    if (lastByte >= 0) {
      b[15] = (byte) lastByte;
    }
    try {
      return (Inet6Address) InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
