// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import java.io.Closeable;
import java.net.InetSocketAddress;

/**
 * The UDP seam of the direct path: send a datagram to an address, and hand every received one to a
 * {@link Receiver}. {@link UdpSockets} is the real one; tests wrap it to drop datagrams as a
 * blocked network would. Implementations are thread-safe.
 */
public interface Datagrams extends Closeable {

  /** Gets every datagram, on a reader thread; must not block. */
  @FunctionalInterface
  interface Receiver {
    /** {@code data} (owned by the receiver from now on) came from {@code from}. */
    void onDatagram(InetSocketAddress from, byte[] data);
  }

  /** Starts the reader threads; datagrams go to {@code receiver}. Called once. */
  void start(Receiver receiver);

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
