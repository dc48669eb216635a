// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun.offload;

/**
 * The 10-byte {@code struct virtio_net_hdr} a TUN device with {@code IFF_VNET_HDR} puts before each
 * packet, in the host's (little-endian) byte order: what checksum the packet still needs and how a
 * large segment is to be cut. Immutable.
 *
 * @param flags {@link #F_NEEDS_CSUM} when the transport checksum is left to us
 * @param gsoType one of the {@code GSO_} types, possibly with {@link #GSO_ECN}
 * @param hdrLen the length of the headers before the payload (a hint; we parse the headers)
 * @param gsoSize the payload bytes per segment
 * @param csumStart where the checksummed bytes start (the transport header)
 * @param csumOffset where, from {@code csumStart}, the checksum goes
 */
public record VirtioNetHeader(
    int flags, int gsoType, int hdrLen, int gsoSize, int csumStart, int csumOffset) {

  /** Size of the header on the wire. */
  public static final int SIZE = 10;

  /** The transport checksum is partial: the pseudo-header sum is in place, the rest is ours. */
  public static final int F_NEEDS_CSUM = 1;

  /** Not a segment to cut. */
  public static final int GSO_NONE = 0;

  /** A TCP over IPv4 segment to cut. */
  public static final int GSO_TCPV4 = 1;

  /** A UDP fragmentation offload (not enabled; refused). */
  public static final int GSO_UDP = 3;

  /** A TCP over IPv6 segment to cut. */
  public static final int GSO_TCPV6 = 4;

  /** A UDP segment (USO) to cut into datagrams. */
  public static final int GSO_UDP_L4 = 5;

  /** Flag bit in {@code gsoType}: the segment carries ECN's CWR. */
  public static final int GSO_ECN = 0x80;

  /** A header that asks nothing: a whole packet with a complete checksum. */
  public static final VirtioNetHeader NONE = new VirtioNetHeader(0, GSO_NONE, 0, 0, 0, 0);

  /** Validates that every field fits its 8- or 16-bit slot. */
  public VirtioNetHeader {
    if ((flags & ~0xff) != 0 || (gsoType & ~0xff) != 0) {
      throw new IllegalArgumentException("flags and gso_type are bytes");
    }
    for (int v : new int[] {hdrLen, gsoSize, csumStart, csumOffset}) {
      if ((v & ~0xffff) != 0) {
        throw new IllegalArgumentException("virtio-net header field out of range: " + v);
      }
    }
  }

  /** Reads a header at {@code off}; {@code b} must hold {@link #SIZE} bytes there. */
  public static VirtioNetHeader parse(byte[] b, int off) {
    if (off < 0 || off + SIZE > b.length) {
      throw new IllegalArgumentException("a virtio-net header needs " + SIZE + " bytes");
    }
    return new VirtioNetHeader(
        b[off] & 0xff,
        b[off + 1] & 0xff,
        le16(b, off + 2),
        le16(b, off + 4),
        le16(b, off + 6),
        le16(b, off + 8));
  }

  /** Writes this header at {@code off}. */
  public void write(byte[] b, int off) {
    b[off] = (byte) flags;
    b[off + 1] = (byte) gsoType;
    putLe16(b, off + 2, hdrLen);
    putLe16(b, off + 4, gsoSize);
    putLe16(b, off + 6, csumStart);
    putLe16(b, off + 8, csumOffset);
  }

  /** Writes an all-zero header (a whole packet, checksum complete) at {@code off}. */
  public static void writeNone(byte[] b, int off) {
    java.util.Arrays.fill(b, off, off + SIZE, (byte) 0);
  }

  /** The GSO type without the ECN bit. */
  public int gsoKind() {
    return gsoType & ~GSO_ECN;
  }

  /** Whether the transport checksum is ours to finish. */
  public boolean needsChecksum() {
    return (flags & F_NEEDS_CSUM) != 0;
  }

  private static int le16(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
  }

  private static void putLe16(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
  }
}
