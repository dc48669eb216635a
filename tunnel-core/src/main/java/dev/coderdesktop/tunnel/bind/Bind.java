// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.bind;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A datagram transport for WireGuard messages (UDP today, the DERP relay beside it). Mirrors
 * wireguard-go's {@code conn.Bind}: the device neither knows nor cares how bytes reach a peer.
 *
 * <p>One thread may receive while others send. {@link #close()} unblocks a pending receive, which
 * then throws {@link java.nio.channels.ClosedChannelException}.
 */
public interface Bind extends Closeable {

  /**
   * Blocks until a datagram arrives and copies it into {@code dst} from its position (the position
   * advances by its length); returns where it came from.
   */
  Endpoint receive(ByteBuffer dst) throws IOException;

  /** Sends the bytes between {@code src}'s position and limit to {@code to}. */
  void send(ByteBuffer src, Endpoint to) throws IOException;

  /** The local UDP port, or 0 for transports without one. */
  int localPort();

  /**
   * Blocks until a datagram arrives, then takes one or more that are already here: datagram {@code
   * i} into {@code bufs[i]} from 0, its length into {@code sizes[i]}, its source into {@code
   * from[i]}. Returns how many (at least one). This default takes one.
   */
  default int receiveBatch(byte[][] bufs, int[] sizes, Endpoint[] from) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bufs[0]);
    from[0] = receive(b);
    sizes[0] = b.position();
    return 1;
  }

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
