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
}
