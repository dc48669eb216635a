// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.bind;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * WireGuard over UDP on a dual-stack socket (IPv4 and IPv6). Thread-safe: one thread receives while
 * any number send.
 */
public final class UdpBind implements Bind {

  private static final int SOCKET_BUFFER = 8 << 20;

  private final DatagramChannel channel;
  private final int port;
  // Only the receiving thread touches these: reuse the endpoint while the sender stays the same.
  private SocketAddress lastSource;
  private UdpEndpoint lastEndpoint;

  /** Binds to {@code port} on every address (0 picks a free port). */
  public UdpBind(int port) throws IOException {
    channel = DatagramChannel.open(StandardProtocolFamily.INET6);
    channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
    channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
    channel.bind(new InetSocketAddress(port));
    this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  @Override
  public Endpoint receive(ByteBuffer dst) throws IOException {
    SocketAddress from = channel.receive(dst);
    if (!from.equals(lastSource)) {
      lastSource = from;
      lastEndpoint = new UdpEndpoint((InetSocketAddress) from);
    }
    return lastEndpoint;
  }

  @Override
  public void send(ByteBuffer src, Endpoint to) throws IOException {
    if (!(to instanceof UdpEndpoint udp)) {
      throw new IOException("UDP cannot send to " + to);
    }
    channel.send(src, udp.address());
  }

  @Override
  public int localPort() {
    return port;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
