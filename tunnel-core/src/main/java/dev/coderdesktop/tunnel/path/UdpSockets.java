// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import dev.coderdesktop.tunnel.linux.UdpBatchSocket;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * One UDP socket per address family, each on its own free port, as the tailnet's clients keep them:
 * an IPv4 socket and, where the host has IPv6, an IPv6 one, each with a {@link Datagrams.Reader}.
 * Each receive and each batch send is one system call for up to {@link UdpBatchSocket#BATCH}
 * datagrams. A family whose socket cannot be opened is simply absent (sends to it return false).
 *
 * <p>Thread-safe: one thread reads each socket; any thread may send.
 */
public final class UdpSockets implements Datagrams {

  private static final Logger LOG = Logger.getLogger(UdpSockets.class.getName());
  private static final int SOCKET_BUFFER = 8 << 20;

  private final UdpBatchSocket v4;
  private final UdpBatchSocket v6;
  private volatile boolean closed;

  /** Opens the sockets on free ports. Throws only when neither family can be opened. */
  public UdpSockets() throws IOException {
    this.v4 = open(false);
    this.v6 = open(true);
    if (v4 == null && v6 == null) {
      throw new IOException("no UDP socket could be opened for IPv4 or IPv6");
    }
  }

  private static UdpBatchSocket open(boolean ipv6) {
    try {
      return UdpBatchSocket.open(ipv6, false, 0, SOCKET_BUFFER);
    } catch (IOException | RuntimeException e) {
      LOG.info(() -> "no " + (ipv6 ? "IPv6" : "IPv4") + " UDP socket: " + e.getMessage());
      return null;
    }
  }

  @Override
  public List<Reader> readers() {
    List<Reader> out = new ArrayList<>(2);
    for (UdpBatchSocket c : new UdpBatchSocket[] {v4, v6}) {
      if (c != null) {
        out.add(c::receive);
      }
    }
    return out;
  }

  @Override
  public boolean send(InetSocketAddress to, byte[] b, int off, int len) {
    return sendBatch(to, new byte[][] {b}, off, new int[] {len}, 1);
  }

  @Override
  public boolean sendBatch(
      InetSocketAddress to, byte[][] bufs, int offset, int[] sizes, int count) {
    UdpBatchSocket c = to.getAddress() instanceof Inet6Address ? v6 : v4;
    if (c == null || closed) {
      return false;
    }
    try {
      c.send(bufs, offset, sizes, count, to);
      return true;
    } catch (IOException e) {
      LOG.fine(() -> "UDP send to " + to + ": " + e.getMessage());
      return false;
    }
  }

  @Override
  public int port(boolean ipv6) {
    UdpBatchSocket c = ipv6 ? v6 : v4;
    return c == null ? 0 : c.localPort();
  }

  @Override
  public void close() {
    closed = true;
    for (UdpBatchSocket c : new UdpBatchSocket[] {v4, v6}) {
      if (c != null) {
        c.close();
      }
    }
  }
}
