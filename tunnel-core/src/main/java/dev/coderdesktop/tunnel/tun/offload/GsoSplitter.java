// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun.offload;

/**
 * Turns one read from an offloading TUN device (a virtio-net header, then a packet of up to 64 KiB)
 * into ordinary packets with complete checksums: a TCP segment is cut every {@code gso_size}
 * payload bytes with sequence numbers, IPv4 ids, lengths and flags fixed as the kernel's own
 * segmentation would, a UDP segment (USO) into datagrams, and a lone packet only has its partial
 * checksum finished. The headers are parsed from the packet; the header's {@code hdr_len} is only a
 * hint and is not trusted. Stateless.
 */
public final class GsoSplitter {

  private static final int TCP = 6;
  private static final int UDP = 17;
  private static final int TCP_FIN = 0x01;
  private static final int TCP_PSH = 0x08;
  private static final int TCP_CWR = 0x80;

  private GsoSplitter() {}

  /**
   * Splits {@code in[off, off+len)} (the packet after its header {@code h}) into {@code outs[i]}
   * from {@code outOffset}, each packet's length into {@code sizes[i]}; returns how many.
   *
   * @throws OffloadException when the header and packet disagree, a header is cut short, or the
   *     packets would not fit {@code outs}
   */
  public static int split(
      VirtioNetHeader h, byte[] in, int off, int len, byte[][] outs, int outOffset, int[] sizes)
      throws OffloadException {
    if (len <= 0 || off < 0 || off + len > in.length) {
      throw new OffloadException("empty or out-of-range packet");
    }
    if (h.gsoKind() == VirtioNetHeader.GSO_NONE) {
      return whole(h, in, off, len, outs, outOffset, sizes);
    }
    int version = (in[off] & 0xff) >>> 4;
    int l4;
    int addrOff;
    int addrLen;
    int kind = h.gsoKind();
    int proto =
        switch (kind) {
          case VirtioNetHeader.GSO_TCPV4, VirtioNetHeader.GSO_TCPV6 -> TCP;
          case VirtioNetHeader.GSO_UDP_L4 -> UDP;
          default -> throw new OffloadException("unsupported gso_type " + h.gsoType());
        };
    if (version == 4) {
      if (kind == VirtioNetHeader.GSO_TCPV6 || len < 20) {
        throw new OffloadException("IPv4 packet with gso_type " + h.gsoType());
      }
      l4 = (in[off] & 0x0f) * 4;
      if (l4 < 20 || (in[off + 9] & 0xff) != proto) {
        throw new OffloadException("IPv4 header does not match the gso_type");
      }
      addrOff = 12;
      addrLen = 4;
    } else if (version == 6) {
      if (kind == VirtioNetHeader.GSO_TCPV4 || len < 40) {
        throw new OffloadException("IPv6 packet with gso_type " + h.gsoType());
      }
      // Extension headers are skipped by the kernel's own offset to the transport header.
      l4 = h.csumStart();
      if (l4 < 40 || (l4 == 40 && (in[off + 6] & 0xff) != proto)) {
        throw new OffloadException("IPv6 header does not match the gso_type");
      }
      addrOff = 8;
      addrLen = 16;
    } else {
      throw new OffloadException("not an IP packet");
    }
    if (h.needsChecksum() && h.csumStart() != l4) {
      throw new OffloadException("csum_start " + h.csumStart() + " is not the transport header");
    }
    int l4Header;
    if (proto == TCP) {
      if (l4 + 20 > len) {
        throw new OffloadException("TCP header cut short");
      }
      l4Header = ((in[off + l4 + 12] & 0xff) >>> 4) * 4;
      if (l4Header < 20) {
        throw new OffloadException("TCP data offset below 5");
      }
    } else {
      l4Header = 8;
    }
    int headers = l4 + l4Header;
    if (headers > len) {
      throw new OffloadException("transport header cut short");
    }
    int gsoSize = h.gsoSize();
    if (gsoSize == 0) {
      throw new OffloadException("gso_size 0");
    }
    int payload = len - headers;
    int count = Math.max(1, (payload + gsoSize - 1) / gsoSize);
    if (count > outs.length) {
      throw new OffloadException(count + " segments do not fit a batch of " + outs.length);
    }
    int ipId = version == 4 ? Checksum.get16(in, off + 4) : 0;
    int seq = proto == TCP ? Checksum.get32(in, off + l4 + 4) : 0;
    for (int i = 0; i < count; i++) {
      int start = i * gsoSize;
      int segPayload = Math.min(gsoSize, payload - start);
      int total = headers + segPayload;
      byte[] out = outs[i];
      if (outOffset + total > out.length) {
        throw new OffloadException("a segment of " + total + " bytes does not fit its buffer");
      }
      System.arraycopy(in, off, out, outOffset, headers);
      System.arraycopy(in, off + headers + start, out, outOffset + headers, segPayload);
      int o = outOffset;
      if (version == 4) {
        Checksum.put16(out, o + 2, total);
        Checksum.put16(out, o + 4, ipId + i);
        Checksum.ipv4Header(out, o, l4);
      } else {
        Checksum.put16(out, o + 4, total - 40);
      }
      int t = o + l4;
      if (proto == TCP) {
        Checksum.put32(out, t + 4, seq + start);
        int flags = out[t + 13] & 0xff;
        if (i != count - 1) {
          flags &= ~(TCP_FIN | TCP_PSH);
        }
        if (i != 0) {
          flags &= ~TCP_CWR;
        }
        out[t + 13] = (byte) flags;
        finish(out, o + addrOff, addrLen, TCP, t, total - l4, t + 16, false);
      } else {
        Checksum.put16(out, t + 4, total - l4);
        finish(out, o + addrOff, addrLen, UDP, t, total - l4, t + 6, true);
      }
      sizes[i] = total;
    }
    return count;
  }

  /** A packet that needs no cutting: copied, its partial checksum finished when asked. */
  private static int whole(
      VirtioNetHeader h, byte[] in, int off, int len, byte[][] outs, int outOffset, int[] sizes)
      throws OffloadException {
    if (outs.length == 0 || outOffset + len > outs[0].length) {
      throw new OffloadException("a packet of " + len + " bytes does not fit its buffer");
    }
    byte[] out = outs[0];
    System.arraycopy(in, off, out, outOffset, len);
    if (h.needsChecksum()) {
      int start = h.csumStart();
      int field = start + h.csumOffset();
      if (field + 2 > len) {
        throw new OffloadException("checksum field beyond the packet");
      }
      // The field already holds the pseudo-header sum; the sum of the rest completes it.
      int c = ~Checksum.fold(Checksum.sum(out, outOffset + start, len - start, 0)) & 0xffff;
      Checksum.put16(out, outOffset + field, c == 0 ? 0xffff : c);
    }
    sizes[0] = len;
    return 1;
  }

  /** Writes a full transport checksum over {@code [l4, l4+l4Len)} with its pseudo-header. */
  static void finish(
      byte[] b, int addrAt, int addrLen, int proto, int l4, int l4Len, int field, boolean udp) {
    Checksum.put16(b, field, 0);
    long s = Checksum.pseudoHeader(b, addrAt, addrLen, proto, l4Len);
    int c = ~Checksum.fold(Checksum.sum(b, l4, l4Len, s)) & 0xffff;
    // UDP reserves 0 for "no checksum"; its all-ones twin means the same sum.
    Checksum.put16(b, field, udp && c == 0 ? 0xffff : c);
  }
}
