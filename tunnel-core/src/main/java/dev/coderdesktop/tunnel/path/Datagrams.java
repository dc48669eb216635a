// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The UDP seam of the direct path: send a datagram to an address, and read each socket through a
 * {@link Reader}. {@link UdpSockets} is the real one; tests wrap it to drop datagrams as a blocked
 * network would. Implementations are thread-safe.
 */
public interface Datagrams extends Closeable {

  /** Reads one socket. Called by one thread at a time. */
  @FunctionalInterface
  interface Reader {
    /**
     * Blocks until a datagram arrives, then takes those already there: datagram {@code i} into
     * {@code bufs[i]} from 0, its length into {@code sizes[i]}, its source into {@code from[i]}.
     * Returns how many; 0 means none worth having, so call again. Throws {@link
     * java.nio.channels.ClosedChannelException} once closed; any other {@link IOException} (an ICMP
     * error surfacing, say) leaves the socket usable.
     */
    int read(byte[][] bufs, int[] sizes, InetSocketAddress[] from) throws IOException;
  }

  /** One reader per socket (IPv4, IPv6 where there is one). */
  List<Reader> readers();

  /**
   * Sends {@code len} bytes of {@code b} at {@code off} to {@code to}; false when there is no
   * socket for its address family or the network refused it.
   */
  boolean send(InetSocketAddress to, byte[] b, int off, int len);

  /**
   * Sends {@code bufs[i][offset, offset+sizes[i])} for {@code i < count} to {@code to}, in order;
   * false as {@link #send}. This default sends one at a time.
   */
  default boolean sendBatch(
      InetSocketAddress to, byte[][] bufs, int offset, int[] sizes, int count) {
    for (int i = 0; i < count; i++) {
      if (!send(to, bufs[i], offset, sizes[i])) {
        return false;
      }
    }
    return true;
  }

  /** The local port of the socket for IPv6 ({@code true}) or IPv4, or 0 when there is none. */
  int port(boolean ipv6);
}
