// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 CIDR prefix such as {@code 10.0.0.0/8} or {@code fd00::/64}, canonicalised: bits
 * past the prefix length are zero, so {@code 10.1.2.3/8} equals {@code 10.0.0.0/8}. Immutable.
 */
public final class IpPrefix {

  private final byte[] address;
  private final int bits;

  private IpPrefix(byte[] address, int bits) {
    this.address = address;
    this.bits = bits;
    int full = bits / 8;
    if (full < address.length) {
      address[full] &= (byte) (0xff00 >>> (bits % 8));
      Arrays.fill(address, full + 1, address.length, (byte) 0);
    }
  }

  /** The prefix of {@code address} (4 or 16 bytes, copied) with {@code bits} leading bits. */
  public static IpPrefix of(byte[] address, int bits) {
    if (address.length != 4 && address.length != 16) {
      throw new IllegalArgumentException("address must be 4 or 16 bytes, got " + address.length);
    }
    if (bits < 0 || bits > address.length * 8) {
      throw new IllegalArgumentException("prefix length " + bits + " out of range");
    }
    return new IpPrefix(address.clone(), bits);
  }

  /** The prefix of {@code address} with {@code bits} leading bits. */
  public static IpPrefix of(InetAddress address, int bits) {
    return of(address.getAddress(), bits);
  }

  /**
   * Parses {@code a.b.c.d/n}, {@code v6/n}, or a bare address (a host prefix: /32 or /128).
   *
   * @throws IllegalArgumentException when the text is not a literal address with a valid length
   */
  public static IpPrefix parse(String text) {
    String s = text.strip();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    byte[] raw = parseLiteral(addr);
    int bits = raw.length * 8;
    if (slash >= 0) {
      String len = s.substring(slash + 1);
      if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("bad prefix length");
      }
      bits = Integer.parseInt(len);
    }
    return of(raw, bits);
  }

  /**
   * Parses a literal IPv4 or IPv6 address without name resolution.
   *
   * @throws IllegalArgumentException when {@code text} is not an address literal
   */
  static byte[] parseLiteral(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty address");
    }
    boolean v6 = text.indexOf(':') >= 0;
    if (v6) {
      if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        throw new IllegalArgumentException("bad IPv6 address");
      }
    } else {
      String[] parts = text.split("\\.", -1);
      if (parts.length != 4) {
        throw new IllegalArgumentException("bad IPv4 address");
      }
      for (String p : parts) {
        if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw new IllegalArgumentException("bad IPv4 address");
        }
        if (Integer.parseInt(p) > 255) {
          throw new IllegalArgumentException("bad IPv4 address");
        }
      }
    }
    try {
      // Safe: the text is a validated literal, so no name lookup happens.
      InetAddress a = InetAddress.getByName(v6 ? "[" + text + "]" : text);
      if (v6 && a instanceof Inet4Address) {
        throw new IllegalArgumentException("IPv4-mapped IPv6 address not supported");
      }
      return a.getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad address");
    }
  }

  /** The canonical network address bytes (4 or 16), copied. */
  public byte[] address() {
    return address.clone();
  }

  /** The network address. */
  public InetAddress inetAddress() {
    try {
      return InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** Prefix length in bits. */
  public int bits() {
    return bits;
  }

  /** Whether this is an IPv6 prefix. */
  public boolean isIpv6() {
    return address.length == 16;
  }

  /** Bit {@code i} (0 = most significant) of the network address. */
  public int bit(int i) {
    return (address[i >>> 3] >>> (7 - (i & 7))) & 1;
  }

  /** Whether {@code addr} (4 or 16 bytes) lies inside this prefix. */
  public boolean contains(byte[] addr) {
    if (addr.length != address.length) {
      return false;
    }
    for (int i = 0; i < bits; i++) {
      if (((addr[i >>> 3] >>> (7 - (i & 7))) & 1) != bit(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpPrefix p && p.bits == bits && Arrays.equals(p.address, address);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(address) * 131 + bits;
  }

  @Override
  public String toString() {
    return inetAddress().getHostAddress().replaceAll("%.*$", "") + "/" + bits;
  }
}
