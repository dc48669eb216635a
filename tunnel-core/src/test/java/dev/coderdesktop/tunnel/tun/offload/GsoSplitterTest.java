// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun.offload;

import static dev.coderdesktop.tunnel.tun.offload.OffloadPackets.payload;
import static dev.coderdesktop.tunnel.tun.offload.OffloadPackets.tcp;
import static dev.coderdesktop.tunnel.tun.offload.OffloadPackets.udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GsoSplitterTest {

  private static final int OFF = 16;
  private final byte[][] outs = new byte[8][OFF + 1500];
  private final int[] sizes = new int[8];

  /** The segment lengths when 2,500 bytes are cut at 1,000. */
  private static final int[] LENS = {1000, 1000, 500};

  private static VirtioNetHeader gso(int type, int size, int csumStart, int csumOffset) {
    return new VirtioNetHeader(
        VirtioNetHeader.F_NEEDS_CSUM, type, csumStart + 32, size, csumStart, csumOffset);
  }

  /** Cuts a TCP packet of IP version 4 or 6 (headers 20 or 40 bytes) into 1,000-byte segments. */
  private int splitTcp(boolean v4, byte[] big) throws OffloadException {
    VirtioNetHeader h =
        gso(v4 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6, 1000, v4 ? 20 : 40, 16);
    return GsoSplitter.split(h, big, 0, big.length, outs, OFF, sizes);
  }

  @Test
  @DisplayName("the IPv4 header checksum matches the textbook example")
  void ipv4HeaderKnownAnswer() {
    byte[] h = OffloadPackets.hex("450000730000400040110000c0a80001c0a800c7");
    Checksum.ipv4Header(h, 0, 20);
    assertEquals(0xb861, Checksum.get16(h, 10));
  }

  @Test
  @DisplayName("a TCP/IPv4 segment is cut with ids, sequence numbers, flags and checksums fixed")
  void tcpV4() throws Exception {
    byte[] big = tcp(true, 0x1234, 0x01020304, 0x98, payload(2500)); // CWR, ACK, PSH
    assertEquals(3, splitTcp(true, big));
    int[] ipSums = {0x100c, 0x100b, 0x11fe};
    int[] tcpSums = {0x7a4c, 0x9402, 0x1b66};
    int[] flags = {0x90, 0x10, 0x18};
    for (int i = 0; i < 3; i++) {
      byte[] s = outs[i];
      assertEquals(52 + LENS[i], sizes[i]);
      assertEquals(52 + LENS[i], Checksum.get16(s, OFF + 2), "total length");
      assertEquals(0x1234 + i, Checksum.get16(s, OFF + 4), "IPv4 id");
      assertEquals(ipSums[i], Checksum.get16(s, OFF + 10), "IPv4 checksum of segment " + i);
      assertEquals(0x01020304 + 1000 * i, Checksum.get32(s, OFF + 24), "sequence");
      assertEquals(flags[i], s[OFF + 33] & 0xff, "flags");
      assertEquals(tcpSums[i], Checksum.get16(s, OFF + 36), "TCP checksum of segment " + i);
      assertArrayEquals(
          Arrays.copyOfRange(payload(2500), 1000 * i, 1000 * i + LENS[i]),
          Arrays.copyOfRange(s, OFF + 52, OFF + 52 + LENS[i]));
    }
  }

  @Test
  @DisplayName("a TCP/IPv6 segment is cut with payload lengths and checksums fixed")
  void tcpV6() throws Exception {
    byte[] big = tcp(false, 0, 0x01020304, 0x98, payload(2500));
    assertEquals(3, splitTcp(false, big));
    int[] tcpSums = {0x93f6, 0xadac, 0x3510};
    for (int i = 0; i < 3; i++) {
      assertEquals(72 + LENS[i], sizes[i]);
      assertEquals(32 + LENS[i], Checksum.get16(outs[i], OFF + 4), "payload length");
      assertEquals(tcpSums[i], Checksum.get16(outs[i], OFF + 56), "TCP checksum of segment " + i);
    }
  }

  @Test
  @DisplayName("a UDP segment (USO) becomes datagrams with lengths and checksums, IPv4 and IPv6")
  void udpBoth() throws Exception {
    int[][] sums = {{0x1c1b, 0x3939, 0xc680}, {0x35c5, 0x52e3, 0xe02a}};
    for (int v = 0; v < 2; v++) {
      boolean v4 = v == 0;
      int l4 = v4 ? 20 : 40;
      byte[] big = udp(v4, payload(2500));
      VirtioNetHeader h =
          new VirtioNetHeader(
              VirtioNetHeader.F_NEEDS_CSUM, VirtioNetHeader.GSO_UDP_L4, l4 + 8, 1000, l4, 6);
      assertEquals(3, GsoSplitter.split(h, big, 0, big.length, outs, OFF, sizes));
      for (int i = 0; i < 3; i++) {
        assertEquals(l4 + 8 + LENS[i], sizes[i]);
        assertEquals(8 + LENS[i], Checksum.get16(outs[i], OFF + l4 + 4), "UDP length");
        assertEquals(sums[v][i], Checksum.get16(outs[i], OFF + l4 + 6), "UDP checksum");
        assertTrue(OffloadPackets.transportChecksumOk(outs[i], OFF, sizes[i]));
      }
    }
  }

  @Test
  @DisplayName("a whole packet with a partial checksum gets it finished")
  void wholePacketChecksum() throws Exception {
    byte[] p = udp(true, payload(300));
    long pseudo = Checksum.pseudoHeader(p, 12, 4, 17, 308);
    Checksum.put16(p, 26, Checksum.fold(pseudo)); // what the kernel leaves in CHECKSUM_PARTIAL
    VirtioNetHeader h = new VirtioNetHeader(VirtioNetHeader.F_NEEDS_CSUM, 0, 0, 0, 20, 6);
    assertEquals(1, GsoSplitter.split(h, p, 0, p.length, outs, OFF, sizes));
    assertEquals(0x0b10, Checksum.get16(outs[0], OFF + 26));
  }

  @Test
  @DisplayName("a packet without offload work is copied unchanged")
  void plainPacket() throws Exception {
    byte[] p = tcp(true, 1, 2, 0x10, payload(100));
    assertEquals(1, GsoSplitter.split(VirtioNetHeader.NONE, p, 0, p.length, outs, OFF, sizes));
    assertArrayEquals(p, Arrays.copyOfRange(outs[0], OFF, OFF + sizes[0]));
  }

  @Test
  @DisplayName("headers that disagree with the packet are refused")
  void refusals() {
    byte[] v4 = tcp(true, 1, 2, 0x10, payload(2500));
    byte[] v6 = tcp(false, 1, 2, 0x10, payload(2500));
    int all = v4.length;
    refused(gso(VirtioNetHeader.GSO_TCPV4, 0, 20, 16), v4, all, "a segment size of 0");
    refused(
        gso(VirtioNetHeader.GSO_TCPV6, 1000, 20, 16), v4, all, "TCPv6 offload of an IPv4 packet");
    refused(gso(VirtioNetHeader.GSO_TCPV4, 1000, 40, 16), v6, v6.length, "TCPv4 offload of IPv6");
    refused(gso(VirtioNetHeader.GSO_UDP_L4, 1000, 20, 6), v4, all, "UDP offload of a TCP packet");
    refused(
        gso(VirtioNetHeader.GSO_TCPV4, 100, 20, 16), v4, all, "26 segments do not fit 8 buffers");
    refused(gso(VirtioNetHeader.GSO_TCPV4, 1000, 20, 16), v4, 30, "TCP header cut short");
    refused(
        gso(VirtioNetHeader.GSO_UDP, 1000, 20, 6),
        v4,
        all,
        "UDP fragmentation, which is not enabled");
  }

  private void refused(VirtioNetHeader h, byte[] packet, int length, String why) {
    assertThrows(
        OffloadException.class,
        () -> GsoSplitter.split(h, packet, 0, length, outs, OFF, sizes),
        "refuses " + why);
  }

  @Test
  @DisplayName("the virtio-net header reads and writes little-endian fields")
  void headerLayout() {
    byte[] b = OffloadPackets.hex("0101340028052800100099");
    VirtioNetHeader h = VirtioNetHeader.parse(b, 0);
    assertEquals(new VirtioNetHeader(1, 1, 0x34, 0x528, 0x28, 0x10), h);
    byte[] out = new byte[10];
    h.write(out, 0);
    assertArrayEquals(Arrays.copyOf(b, 10), out);
    assertThrows(IllegalArgumentException.class, () -> VirtioNetHeader.parse(b, 2));
  }
}
