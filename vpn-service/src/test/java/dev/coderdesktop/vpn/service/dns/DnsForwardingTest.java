// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shim as the system's only nameserver: the suffix answered locally, everything else relayed to
 * a fake upstream on loopback over UDP and TCP, a truncated UDP reply passed on for the client to
 * retry over TCP, SERVFAIL when no upstream answers.
 */
@Timeout(30)
class DnsForwardingTest {

  private static final InetAddress LO = InetAddress.getLoopbackAddress();

  private DatagramSocket upstreamUdp;
  private ServerSocket upstreamTcp;
  private DnsShim shim;
  private volatile boolean truncateUdp;

  @BeforeEach
  void start() throws IOException {
    // UDP picks the port; TCP may not have that number free, so pick again until both do.
    for (int attempt = 1; upstreamTcp == null; attempt++) {
      upstreamUdp = new DatagramSocket(0, LO);
      try {
        upstreamTcp = new ServerSocket(upstreamUdp.getLocalPort(), 5, LO);
      } catch (java.net.BindException e) {
        upstreamUdp.close();
        if (attempt == 10) {
          throw e;
        }
      }
    }
    Thread.ofVirtual().start(this::serveUdp);
    Thread.ofVirtual().start(this::serveTcp);
    shim =
        new DnsShim(
            new InetSocketAddress(LO, 0),
            HostTable.of(
                "coder",
                Map.of(
                    "dev.coder",
                    List.of((Inet6Address) InetAddress.getByName("fd60:627a:a42b::1")))));
    shim.setUpstreams(List.of(new InetSocketAddress(LO, upstreamUdp.getLocalPort())));
  }

  @AfterEach
  void stop() throws IOException {
    shim.close();
    upstreamUdp.close();
    upstreamTcp.close();
  }

  /** The upstream's answer: the query with QR set and a recognisable rcode (NOTIMP=4). */
  private static byte[] upstreamReply(byte[] q, int len, boolean truncated) {
    byte[] r = Arrays.copyOf(q, len);
    r[2] = (byte) (0x80 | (truncated ? 0x02 : 0) | (q[2] & 0x01));
    r[3] = 0x04;
    return r;
  }

  private void serveUdp() {
    byte[] buf = new byte[512];
    while (!upstreamUdp.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        upstreamUdp.receive(p);
        byte[] r = upstreamReply(buf, p.getLength(), truncateUdp);
        upstreamUdp.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serveTcp() {
    while (!upstreamTcp.isClosed()) {
      try (Socket s = upstreamTcp.accept()) {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] q = new byte[in.readUnsignedShort()];
        in.readFully(q);
        byte[] r = upstreamReply(q, q.length, false);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeShort(r.length);
        out.write(r);
        out.flush();
      } catch (IOException e) {
        if (upstreamTcp.isClosed()) {
          return;
        }
      }
    }
  }

  private byte[] udp(byte[] q) throws IOException {
    try (DatagramSocket c = new DatagramSocket()) {
      c.setSoTimeout(10_000);
      c.send(new DatagramPacket(q, q.length, shim.localAddress()));
      byte[] buf = new byte[1500];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      c.receive(p);
      return Arrays.copyOf(buf, p.getLength());
    }
  }

  private byte[] tcp(byte[] q) throws IOException {
    try (Socket s = new Socket(LO, shim.localAddress().getPort())) {
      s.setSoTimeout(10_000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeShort(q.length);
      out.write(q);
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] r = new byte[in.readUnsignedShort()];
      in.readFully(r);
      return r;
    }
  }

  @Test
  @DisplayName("a name outside the suffix is relayed over UDP, byte for byte")
  void udpForwarded() throws IOException {
    byte[] q = DnsShimTest.query(0x4242, "upstream.test", 1);
    assertArrayEquals(upstreamReply(q, q.length, false), udp(q));
  }

  @Test
  @DisplayName("the suffix is still answered by the shim itself")
  void suffixLocal() throws IOException {
    byte[] r = udp(DnsShimTest.query(7, "dev.coder", 28));
    assertEquals(0, r[3] & 0x0f, "NOERROR");
    assertEquals(1, ((r[6] & 0xff) << 8) | (r[7] & 0xff), "one AAAA answer");
  }

  @Test
  @DisplayName("a truncated UDP reply reaches the client as it is; its retry over TCP is relayed")
  void truncation() throws IOException {
    truncateUdp = true;
    byte[] q = DnsShimTest.query(0x5151, "big.test", 16);
    byte[] r = udp(q);
    assertEquals(0x02, r[2] & 0x02, "TC set");
    assertArrayEquals(upstreamReply(q, q.length, false), tcp(q));
  }

  @Test
  @DisplayName("over TCP, several queries on one connection; local and relayed")
  void tcpBoth() throws IOException {
    assertEquals(0, tcp(DnsShimTest.query(9, "dev.coder", 28))[3] & 0x0f);
    byte[] q = DnsShimTest.query(10, "other.test", 28);
    assertArrayEquals(upstreamReply(q, q.length, false), tcp(q));
  }

  @Test
  @DisplayName("no upstream answering: SERVFAIL with the query's id; none configured: REFUSED")
  void noUpstream() throws IOException {
    upstreamUdp.close();
    byte[] r = udp(DnsShimTest.query(0x0102, "gone.test", 1));
    assertEquals(0x0102, ((r[0] & 0xff) << 8) | (r[1] & 0xff));
    assertEquals(DnsMessage.SERVFAIL, r[3] & 0x0f);
    shim.setUpstreams(List.of());
    assertEquals(DnsMessage.REFUSED, udp(DnsShimTest.query(3, "x.test", 1))[3] & 0x0f);
  }
}
