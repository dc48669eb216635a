// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.logging.Logger;

/**
 * One UDP socket per address family, each on its own free port, as the tailnet's clients keep them:
 * an IPv4 socket and, where the host has IPv6, an IPv6 one. Each has a reader thread that hands
 * datagrams to the {@link Datagrams.Receiver}. A family whose socket cannot be opened is simply
 * absent (sends to it return false).
 *
 * <p>Thread-safe: the readers are the only receivers; any thread may send.
 */
public final class UdpSockets implements Datagrams {

  private static final Logger LOG = Logger.getLogger(UdpSockets.class.getName());
  private static final int SOCKET_BUFFER = 8 << 20;
  private static final int MAX_DATAGRAM = 65535;

  private final DatagramChannel v4;
  private final DatagramChannel v6;
  private volatile boolean closed;

  /** Opens the sockets on free ports. Throws only when neither family can be opened. */
  public UdpSockets() throws IOException {
    this.v4 = open(StandardProtocolFamily.INET, "0.0.0.0");
    this.v6 = open(StandardProtocolFamily.INET6, "::");
    if (v4 == null && v6 == null) {
      throw new IOException("no UDP socket could be opened for IPv4 or IPv6");
    }
  }

  private static DatagramChannel open(ProtocolFamily family, String any) {
    try {
      DatagramChannel c = DatagramChannel.open(family);
      c.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
      c.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
      c.bind(new InetSocketAddress(InetAddress.ofLiteral(any), 0));
      return c;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.info(() -> "no " + family + " UDP socket: " + e.getMessage());
      return null;
    }
  }

  @Override
  public void start(Receiver receiver) {
    for (DatagramChannel c : new DatagramChannel[] {v4, v6}) {
      if (c != null) {
        Thread.ofPlatform()
            .daemon()
            .name("udp-" + (c == v4 ? "v4" : "v6"))
            .start(() -> readLoop(c, receiver));
      }
    }
  }

  private void readLoop(DatagramChannel c, Receiver receiver) {
    ByteBuffer buf = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    while (!closed) {
      try {
        buf.clear();
        InetSocketAddress from = (InetSocketAddress) c.receive(buf);
        buf.flip();
        byte[] data = new byte[buf.remaining()];
        buf.get(data);
        receiver.onDatagram(from, data);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // An ICMP error surfaced on the socket (port unreachable); the socket itself is fine.
        LOG.fine(() -> "UDP receive: " + e.getMessage());
      } catch (RuntimeException e) {
        LOG.warning("dropping a datagram whose handling failed: " + e);
      }
    }
  }

  @Override
  public boolean send(InetSocketAddress to, byte[] b, int off, int len) {
    DatagramChannel c = to.getAddress() instanceof Inet6Address ? v6 : v4;
    if (c == null || closed) {
      return false;
    }
    try {
      c.send(ByteBuffer.wrap(b, off, len), to);
      return true;
    } catch (IOException e) {
      LOG.fine(() -> "UDP send to " + to + ": " + e.getMessage());
      return false;
    }
  }

  @Override
  public int port(boolean ipv6) {
    DatagramChannel c = ipv6 ? v6 : v4;
    if (c == null) {
      return 0;
    }
    try {
      return ((InetSocketAddress) c.getLocalAddress()).getPort();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    closed = true;
    for (DatagramChannel c : new DatagramChannel[] {v4, v6}) {
      if (c != null) {
        try {
          c.close();
        } catch (IOException e) {
          LOG.fine(() -> "closing a UDP socket: " + e.getMessage());
        }
      }
    }
  }
}
