// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.bind;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A datagram transport for WireGuard messages (UDP today, the DERP relay beside it). Mirrors
 * wireguard-go's {@code conn.Bind}: the device neither knows nor cares how bytes reach a peer, and
 * it drains each of the transport's {@link #sources()} with a thread of its own, so a datagram is
 * read, sorted and decrypted on one thread with no queue between them.
 *
 * <p>Any thread may send. {@link #close()} unblocks every pending receive, which then throws {@link
 * java.nio.channels.ClosedChannelException}.
 */
public interface Bind extends Closeable {

  /**
   * One place datagrams come from (a UDP socket, the relay): wireguard-go's receive function. Each
   * is called by one thread at a time.
   */
  @FunctionalInterface
  interface Source {
    /**
     * Blocks until a datagram arrives, then takes one or more that are already here: datagram
     * {@code i} into {@code bufs[i]} from 0, its length into {@code sizes[i]}, its source into
     * {@code from[i]}. Returns how many (at least one). May swap the arrays in {@code bufs}.
     */
    int receive(byte[][] bufs, int[] sizes, Endpoint[] from) throws IOException;
  }

  /** The sources to drain, each with its own thread; asked once, when the device starts. */
  List<Source> sources();

  /** Sends the bytes between {@code src}'s position and limit to {@code to}. */
  void send(ByteBuffer src, Endpoint to) throws IOException;

  /** The local UDP port, or 0 for transports without one. */
  int localPort();

  /**
   * Sends {@code bufs[i][offset, offset+sizes[i])} for {@code i < count} to {@code to}, in order.
   * This default sends one at a time.
   */
  default void sendBatch(byte[][] bufs, int offset, int[] sizes, int count, Endpoint to)
      throws IOException {
    for (int i = 0; i < count; i++) {
      send(ByteBuffer.wrap(bufs[i], offset, sizes[i]), to);
    }
  }
}
