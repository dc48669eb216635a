// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun.offload;

import static dev.coderdesktop.tunnel.tun.offload.OffloadPackets.payload;
import static dev.coderdesktop.tunnel.tun.offload.OffloadPackets.tcp;
import static dev.coderdesktop.tunnel.tun.offload.OffloadPackets.udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GroCoalescerTest {

  private static final int OFF = 16;
  private final List<byte[]> written = new ArrayList<>();
  private final GroCoalescer gro = new GroCoalescer(16);

  /** Three 1000-byte segments (the last with PSH), as the sender's kernel would cut them. */
  private static byte[][] segments(boolean v4, int seq, int sport) throws OffloadException {
    byte[] big = tcp(v4, 0x1234, seq, 0x18, payload(3000));
    Checksum.put16(big, v4 ? 20 : 40, sport);
    byte[][] outs = new byte[3][OFF + 1500];
    int[] sizes = new int[3];
    int l4 = v4 ? 20 : 40;
    VirtioNetHeader h =
        new VirtioNetHeader(
            VirtioNetHeader.F_NEEDS_CSUM,
            v4 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6,
            l4 + 32,
            1000,
            l4,
            16);
    GsoSplitter.split(h, big, 0, big.length, outs, OFF, sizes);
    byte[][] exact = new byte[3][];
    for (int i = 0; i < 3; i++) {
      exact[i] = Arrays.copyOf(outs[i], OFF + sizes[i]);
    }
    return exact;
  }

  private void write(byte[]... packets) throws Exception {
    int[] sizes = new int[packets.length];
    byte[][] bufs = new byte[packets.length][];
    for (int i = 0; i < packets.length; i++) {
      bufs[i] = packets[i].clone();
      sizes[i] = packets[i].length - OFF;
    }
    gro.write(
        bufs,
        OFF,
        sizes,
        packets.length,
        (b, off, len) -> written.add(Arrays.copyOfRange(b, off, off + len)));
  }

  private static byte[] packetOf(byte[] write) {
    return Arrays.copyOfRange(write, VirtioNetHeader.SIZE, write.length);
  }

  private static byte[] body(byte[] withOffset) {
    return Arrays.copyOfRange(withOffset, OFF, withOffset.length);
  }

  @Test
  @DisplayName("consecutive TCP/IPv4 segments become one write that splits back into them")
  void mergesIpv4() throws Exception {
    byte[][] s = segments(true, 0x01020304, 40000);
    write(s);
    assertEquals(1, written.size());
    byte[] w = written.get(0);
    VirtioNetHeader h = VirtioNetHeader.parse(w, 0);
    assertEquals(new VirtioNetHeader(1, VirtioNetHeader.GSO_TCPV4, 52, 1000, 20, 16), h);
    byte[] p = packetOf(w);
    assertEquals(3052, p.length);
    assertEquals(3052, Checksum.get16(p, 2));
    assertEquals(0x083c, Checksum.get16(p, 10), "IPv4 header checksum");
    assertEquals(0x207b, Checksum.get16(p, 36), "pseudo-header sum left for the kernel");
    assertEquals(0x18, p[33] & 0xff, "the last segment's PSH is kept");
    assertArrayEquals(payload(3000), Arrays.copyOfRange(p, 52, p.length));
    byte[][] outs = new byte[4][OFF + 1500];
    int[] sizes = new int[4];
    assertEquals(3, GsoSplitter.split(h, p, 0, p.length, outs, OFF, sizes));
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(body(s[i]), Arrays.copyOfRange(outs[i], OFF, OFF + sizes[i]));
    }
  }

  @Test
  @DisplayName("consecutive TCP/IPv6 segments become one write")
  void mergesIpv6() throws Exception {
    byte[][] s = segments(false, 7, 40000);
    write(s);
    assertEquals(1, written.size());
    byte[] p = packetOf(written.get(0));
    assertEquals(
        new VirtioNetHeader(1, VirtioNetHeader.GSO_TCPV6, 72, 1000, 40, 16),
        VirtioNetHeader.parse(written.get(0), 0));
    assertEquals(3032, Checksum.get16(p, 4));
    assertEquals(0x06d1, Checksum.get16(p, 56), "pseudo-header sum left for the kernel");
  }

  @Test
  @DisplayName("a gap in the sequence starts a new write; order within the flow is kept")
  void gap() throws Exception {
    byte[][] s = segments(true, 0, 40000);
    write(s[0], s[2], s[1]);
    assertEquals(3, written.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(VirtioNetHeader.NONE, VirtioNetHeader.parse(written.get(i), 0));
    }
    assertArrayEquals(body(s[0]), packetOf(written.get(0)));
    assertArrayEquals(body(s[2]), packetOf(written.get(1)));
    assertArrayEquals(body(s[1]), packetOf(written.get(2)));
  }

  @Test
  @DisplayName("a segment whose checksum is wrong is not merged")
  void badChecksum() throws Exception {
    byte[][] s = segments(true, 0, 40000);
    s[1][OFF + 100] ^= 1;
    write(s);
    assertEquals(3, written.size());
  }

  @Test
  @DisplayName("two interleaved flows each merge; UDP and a FIN pass through in order")
  void flows() throws Exception {
    byte[][] a = segments(true, 0, 40000);
    byte[][] b = segments(true, 0, 40001);
    byte[] u = new byte[OFF + 1028];
    System.arraycopy(udp(true, payload(1000)), 0, u, OFF, 1028);
    byte[] fin = new byte[OFF + 52];
    System.arraycopy(tcp(true, 9, 3000, 0x11, new byte[0]), 0, fin, OFF, 52);
    write(a[0], b[0], a[1], b[1], a[2], b[2], u, fin);
    assertEquals(4, written.size());
    assertEquals(VirtioNetHeader.GSO_TCPV4, VirtioNetHeader.parse(written.get(0), 0).gsoType());
    assertEquals(40000, Checksum.get16(packetOf(written.get(0)), 20));
    assertEquals(40001, Checksum.get16(packetOf(written.get(1)), 20));
    assertArrayEquals(body(u), packetOf(written.get(2)));
    assertArrayEquals(body(fin), packetOf(written.get(3)));
  }

  @Test
  @DisplayName("a FIN between segments of a flow keeps later segments behind it")
  void finEndsRun() throws Exception {
    byte[][] a = segments(true, 0, 40000);
    byte[] fin = new byte[OFF + 52];
    System.arraycopy(tcp(true, 9, 1000, 0x11, new byte[0]), 0, fin, OFF, 52);
    write(a[0], fin, a[1], a[2]);
    assertEquals(3, written.size());
    assertArrayEquals(body(a[0]), packetOf(written.get(0)));
    assertArrayEquals(body(fin), packetOf(written.get(1)));
    assertEquals(2052, packetOf(written.get(2)).length);
  }
}
