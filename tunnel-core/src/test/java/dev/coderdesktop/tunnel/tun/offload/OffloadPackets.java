// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun.offload;

/**
 * Builds the test packets: 10.77.0.2:40000 → 10.77.0.1:5201 (or fd77::2 → fd77::1), TCP with a
 * 12-byte timestamp option block, payload bytes {@code (i*7+3) & 0xff}. The known answers in the
 * tests were computed for exactly these bytes by an independent script (a plain 16-bit sum).
 */
final class OffloadPackets {

  static final byte[] SRC4 = {10, 77, 0, 2};
  static final byte[] DST4 = {10, 77, 0, 1};
  static final byte[] SRC6 = hex("fd770000000000000000000000000002");
  static final byte[] DST6 = hex("fd770000000000000000000000000001");
  static final byte[] OPTIONS = {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2};

  private OffloadPackets() {}

  static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }

  static byte[] payload(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 7 + 3);
    }
    return b;
  }

  /** An IPv4 or IPv6 TCP packet (checksums left zero) with {@code data}. */
  static byte[] tcp(boolean v4, int ident, int seq, int flags, byte[] data) {
    byte[] t = new byte[32 + data.length];
    Checksum.put16(t, 0, 40000);
    Checksum.put16(t, 2, 5201);
    Checksum.put32(t, 4, seq);
    Checksum.put32(t, 8, 0x0a0b0c0d);
    t[12] = (byte) (8 << 4);
    t[13] = (byte) flags;
    Checksum.put16(t, 14, 0x01f5);
    System.arraycopy(OPTIONS, 0, t, 20, OPTIONS.length);
    System.arraycopy(data, 0, t, 32, data.length);
    return ip(v4, ident, 6, t);
  }

  /** An IPv4 or IPv6 UDP packet (checksums left zero) with {@code data}. */
  static byte[] udp(boolean v4, byte[] data) {
    byte[] u = new byte[8 + data.length];
    Checksum.put16(u, 0, 40000);
    Checksum.put16(u, 2, 5201);
    Checksum.put16(u, 4, u.length);
    System.arraycopy(data, 0, u, 8, data.length);
    return ip(v4, 0x1234, 17, u);
  }

  static byte[] ip(boolean v4, int ident, int proto, byte[] l4) {
    int h = v4 ? 20 : 40;
    byte[] p = new byte[h + l4.length];
    if (v4) {
      p[0] = 0x45;
      Checksum.put16(p, 2, p.length);
      Checksum.put16(p, 4, ident);
      Checksum.put16(p, 6, 0x4000);
      p[8] = 64;
      p[9] = (byte) proto;
      System.arraycopy(SRC4, 0, p, 12, 4);
      System.arraycopy(DST4, 0, p, 16, 4);
    } else {
      p[0] = 0x60;
      Checksum.put16(p, 4, l4.length);
      p[6] = (byte) proto;
      p[7] = 64;
      System.arraycopy(SRC6, 0, p, 8, 16);
      System.arraycopy(DST6, 0, p, 24, 16);
    }
    System.arraycopy(l4, 0, p, h, l4.length);
    return p;
  }

  /** Whether the transport checksum of a whole packet verifies. */
  static boolean transportChecksumOk(byte[] p, int off, int len) {
    boolean v4 = (p[off] & 0xff) >>> 4 == 4;
    int l4 = v4 ? 20 : 40;
    int proto = p[off + (v4 ? 9 : 6)] & 0xff;
    long s = Checksum.pseudoHeader(p, off + (v4 ? 12 : 8), v4 ? 4 : 16, proto, len - l4);
    return Checksum.fold(Checksum.sum(p, off + l4, len - l4, s)) == 0xffff;
  }
}
