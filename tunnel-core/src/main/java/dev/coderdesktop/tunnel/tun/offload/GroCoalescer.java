// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun.offload;

import java.io.IOException;
import java.util.Arrays;

/**
 * Coalesces a batch of whole IP packets before they are written to an offloading TUN device: runs
 * of TCP segments of one flow that follow each other in sequence, with equal headers apart from
 * lengths, ids and checksums, become one large segment with a virtio-net header asking the kernel
 * to treat it as {@code gso_size}-byte segments, so its TCP stack handles one packet instead of
 * dozens. Everything else is written as it came, with an empty header. Only segments whose checksum
 * verifies are merged (the kernel does not check a merged segment's payload again).
 *
 * <p>Segments of one flow keep their order; different flows may be written in a different order
 * than they arrived, as GRO in the kernel does. Not thread-safe: one writer owns an instance.
 */
public final class GroCoalescer {

  /** Where packets go: {@code b[off, off+len)} is a virtio-net header and then the packet. */
  @FunctionalInterface
  public interface Sink {
    /** Writes one packet. */
    void write(byte[] b, int off, int len) throws IOException;
  }

  /** The largest packet one write may carry. */
  public static final int MAX_PACKET = 65535;

  private static final int TCP = 6;
  private static final int ACK = 0x10;
  private static final int PSH = 0x08;

  // Per item (a run of packets written as one), in creation order.
  private final int[] first;
  private final int[] last;
  private final int[] nextSeq;
  private final int[] total;
  private final int[] segments;
  private final boolean[] open;
  // Per packet: the next packet of its item, or -1; the packet's payload offset and length.
  private final int[] link;
  private final int[] payloadAt;
  private final int[] payloadLen;
  private final byte[] scratch = new byte[VirtioNetHeader.SIZE + MAX_PACKET];

  /** For batches of at most {@code maxPackets}. */
  public GroCoalescer(int maxPackets) {
    first = new int[maxPackets];
    last = new int[maxPackets];
    nextSeq = new int[maxPackets];
    total = new int[maxPackets];
    segments = new int[maxPackets];
    open = new boolean[maxPackets];
    link = new int[maxPackets];
    payloadAt = new int[maxPackets];
    payloadLen = new int[maxPackets];
  }

  /**
   * Writes packets {@code bufs[i][offset, offset+sizes[i])} for {@code i < count} to {@code sink},
   * merged where possible. {@code offset} must leave room for a virtio-net header before each
   * packet; the bytes there are overwritten.
   */
  public void write(byte[][] bufs, int offset, int[] sizes, int count, Sink sink)
      throws IOException {
    if (offset < VirtioNetHeader.SIZE) {
      throw new IllegalArgumentException("no room for the virtio-net header");
    }
    int items = 0;
    for (int i = 0; i < count; i++) {
      link[i] = -1;
      payloadLen[i] = -1;
      boolean candidate = tcpCandidate(bufs[i], offset, sizes[i], i);
      if (!candidate) {
        // Anything else (a FIN, a pure ACK, UDP) ends every run, so no flow's later segments
        // can be written ahead of it.
        Arrays.fill(open, 0, items, false);
      }
      int j = candidate ? findOpen(bufs, offset, items, i) : -1;
      if (j >= 0 && canAppend(bufs, offset, j, i)) {
        append(bufs[i], offset, j, i);
      } else {
        if (j >= 0) {
          open[j] = false;
        }
        start(bufs[i], offset, sizes[i], items++, i);
      }
    }
    for (int k = 0; k < items; k++) {
      emit(bufs, offset, sizes, k, sink);
    }
  }

  /** A plain TCP segment with data, ACK set and nothing but PSH besides, checksum correct. */
  private boolean tcpCandidate(byte[] b, int o, int size, int i) {
    int version = (b[o] & 0xff) >>> 4;
    int l4;
    if (version == 4) {
      if (size < 40
          || (b[o] & 0x0f) != 5
          || (b[o + 9] & 0xff) != TCP
          || Checksum.get16(b, o + 2) != size
          || (Checksum.get16(b, o + 6) & 0x3fff) != 0) {
        return false;
      }
      l4 = 20;
    } else if (version == 6) {
      if (size < 60 || (b[o + 6] & 0xff) != TCP || Checksum.get16(b, o + 4) + 40 != size) {
        return false;
      }
      l4 = 40;
    } else {
      return false;
    }
    int doff = ((b[o + l4 + 12] & 0xff) >>> 4) * 4;
    int flags = b[o + l4 + 13] & 0xff;
    if (doff < 20 || l4 + doff >= size || (flags & ~PSH) != ACK) {
      return false;
    }
    int addrLen = version == 4 ? 4 : 16;
    long s = Checksum.pseudoHeader(b, o + (version == 4 ? 12 : 8), addrLen, TCP, size - l4);
    if (Checksum.fold(Checksum.sum(b, o + l4, size - l4, s)) != 0xffff) {
      return false;
    }
    payloadAt[i] = l4 + doff;
    payloadLen[i] = size - l4 - doff;
    return true;
  }

  /** The newest open item of the same flow (addresses and ports), or -1. */
  private int findOpen(byte[][] bufs, int o, int items, int i) {
    byte[] b = bufs[i];
    int version = (b[o] & 0xff) >>> 4;
    int addrOff = version == 4 ? 12 : 8;
    int addrLen = version == 4 ? 8 : 32;
    int l4 = version == 4 ? 20 : 40;
    for (int k = items - 1; k >= 0; k--) {
      if (!open[k]) {
        continue;
      }
      byte[] f = bufs[first[k]];
      if ((f[o] & 0xff) >>> 4 == version
          && Arrays.equals(
              f, o + addrOff, o + addrOff + addrLen, b, o + addrOff, o + addrOff + addrLen)
          && Arrays.equals(f, o + l4, o + l4 + 4, b, o + l4, o + l4 + 4)) {
        return k;
      }
    }
    return -1;
  }

  /** Same IP fields and TCP header (but sequence, PSH and checksum), next in sequence, fits. */
  private boolean canAppend(byte[][] bufs, int o, int k, int i) {
    byte[] f = bufs[first[k]];
    byte[] b = bufs[i];
    boolean v4 = (b[o] & 0xff) >>> 4 == 4;
    int l4 = v4 ? 20 : 40;
    if (v4) {
      // Version, header length, TOS; flags and fragment offset; TTL and protocol.
      if (f[o + 1] != b[o + 1] || f[o + 6] != b[o + 6] || f[o + 8] != b[o + 8]) {
        return false;
      }
    } else if (!Arrays.equals(f, o, o + 4, b, o, o + 4) || f[o + 7] != b[o + 7]) {
      return false; // traffic class, flow label, hop limit
    }
    int t = o + l4;
    int doff = payloadAt[i] - l4;
    if (payloadAt[first[k]] != payloadAt[i]
        || !Arrays.equals(f, t + 8, t + 13, b, t + 8, t + 13) // ack, data offset
        || !Arrays.equals(f, t + 14, t + 16, b, t + 14, t + 16) // window
        || !Arrays.equals(f, t + 20, t + doff, b, t + 20, t + doff)) { // options
      return false;
    }
    return Checksum.get32(b, t + 4) == nextSeq[k]
        && payloadLen[i] <= payloadLen[first[k]]
        && total[k] + payloadLen[i] <= MAX_PACKET;
  }

  /** Item {@code k} begins with packet {@code i}; a TCP candidate without PSH stays open. */
  private void start(byte[] b, int o, int size, int k, int i) {
    first[k] = i;
    last[k] = i;
    total[k] = size;
    segments[k] = 1;
    open[k] = false;
    if (payloadLen[i] > 0) {
      int l4 = (b[o] & 0xff) >>> 4 == 4 ? 20 : 40;
      open[k] = (b[o + l4 + 13] & PSH) == 0;
      nextSeq[k] = Checksum.get32(b, o + l4 + 4) + payloadLen[i];
    }
  }

  /** Packet {@code i} joins item {@code k}. */
  private void append(byte[] b, int o, int k, int i) {
    link[last[k]] = i;
    last[k] = i;
    total[k] += payloadLen[i];
    segments[k]++;
    nextSeq[k] += payloadLen[i];
    int l4 = (b[o] & 0xff) >>> 4 == 4 ? 20 : 40;
    // A short segment or a push ends the run, as in the kernel's GRO.
    if ((b[o + l4 + 13] & PSH) != 0 || payloadLen[i] < payloadLen[first[k]]) {
      open[k] = false;
    }
  }

  /** Writes item {@code k}: as it came, or merged with a header asking for segmentation. */
  private void emit(byte[][] bufs, int o, int[] sizes, int k, Sink sink) throws IOException {
    int f = first[k];
    byte[] b = bufs[f];
    if (segments[k] == 1) {
      VirtioNetHeader.writeNone(b, o - VirtioNetHeader.SIZE);
      sink.write(b, o - VirtioNetHeader.SIZE, VirtioNetHeader.SIZE + sizes[f]);
      return;
    }
    byte[] out = scratch;
    int p = VirtioNetHeader.SIZE;
    int headers = payloadAt[f];
    System.arraycopy(b, o, out, p, headers);
    int at = p + headers;
    for (int i = f; i != -1; i = link[i]) {
      System.arraycopy(bufs[i], o + payloadAt[i], out, at, payloadLen[i]);
      at += payloadLen[i];
    }
    int size = total[k];
    boolean v4 = (b[o] & 0xff) >>> 4 == 4;
    int l4 = v4 ? 20 : 40;
    if (v4) {
      Checksum.put16(out, p + 2, size);
      Checksum.ipv4Header(out, p, 20);
    } else {
      Checksum.put16(out, p + 4, size - 40);
    }
    int t = p + l4;
    out[t + 13] = (byte) (out[t + 13] | (bufs[last[k]][o + l4 + 13] & PSH));
    // CHECKSUM_PARTIAL: the field holds the pseudo-header sum, the kernel adds the rest.
    long pseudo = Checksum.pseudoHeader(out, p + (v4 ? 12 : 8), v4 ? 4 : 16, TCP, size - l4);
    Checksum.put16(out, t + 16, Checksum.fold(pseudo));
    new VirtioNetHeader(
            VirtioNetHeader.F_NEEDS_CSUM,
            v4 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6,
            headers,
            payloadLen[f],
            l4,
            16)
        .write(out, 0);
    sink.write(out, 0, VirtioNetHeader.SIZE + size);
  }
}
