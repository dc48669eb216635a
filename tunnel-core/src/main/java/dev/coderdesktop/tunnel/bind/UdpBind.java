// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.bind;

import dev.coderdesktop.tunnel.linux.UdpBatchSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * WireGuard over UDP on a dual-stack socket (IPv4 and IPv6), moving up to {@link
 * UdpBatchSocket#BATCH} datagrams per system call each way ({@code recvmmsg}, {@code sendmmsg}).
 * Thread-safe: one thread receives while any number send.
 */
public final class UdpBind implements Bind {

  private static final int SOCKET_BUFFER = 8 << 20;

  private final UdpBatchSocket socket;
  // Only the receiving thread touches these: reuse the endpoint while the sender stays the same.
  private final InetSocketAddress[] sources = new InetSocketAddress[UdpBatchSocket.BATCH];
  private InetSocketAddress lastSource;
  private UdpEndpoint lastEndpoint;

  /** Binds to {@code port} on every address (0 picks a free port). */
  public UdpBind(int port) throws IOException {
    socket = UdpBatchSocket.open(true, true, port, SOCKET_BUFFER);
  }

  /** The one socket. */
  @Override
  public List<Source> sources() {
    return List.of(this::receive);
  }

  private int receive(byte[][] bufs, int[] sizes, Endpoint[] from) throws IOException {
    int n = socket.receive(bufs, sizes, sources);
    for (int i = 0; i < n; i++) {
      from[i] = endpoint(sources[i]);
    }
    return n;
  }

  private UdpEndpoint endpoint(InetSocketAddress source) {
    if (source != lastSource) {
      lastSource = source;
      lastEndpoint = new UdpEndpoint(source);
    }
    return lastEndpoint;
  }

  @Override
  public void send(ByteBuffer src, Endpoint to) throws IOException {
    int n = src.remaining();
    byte[] b = new byte[n];
    src.get(b);
    sendBatch(new byte[][] {b}, 0, new int[] {n}, 1, to);
  }

  @Override
  public void sendBatch(byte[][] bufs, int offset, int[] sizes, int count, Endpoint to)
      throws IOException {
    if (!(to instanceof UdpEndpoint udp)) {
      throw new IOException("UDP cannot send to " + to);
    }
    socket.send(bufs, offset, sizes, count, udp.address());
  }

  @Override
  public int localPort() {
    return socket.localPort();
  }

  @Override
  public void close() {
    socket.close();
  }
}
