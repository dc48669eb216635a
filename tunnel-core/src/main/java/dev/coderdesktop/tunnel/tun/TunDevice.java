// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A layer-3 packet device: each read returns one whole IPv4 or IPv6 packet, each write sends one.
 * Implementations: the Linux TUN device and in-memory channels for tests.
 *
 * <p>One thread may read while another writes. {@link #close()} unblocks a pending read, which then
 * throws {@link java.nio.channels.ClosedChannelException}.
 */
public interface TunDevice extends Closeable {

  /** Interface name, e.g. {@code coder0}. */
  String name();

  /** Maximum packet size this device carries. */
  int mtu();

  /**
   * Blocks until a packet is available and copies it into {@code dst} from its position; on return
   * the position has advanced by the packet length, which is also returned.
   */
  int read(ByteBuffer dst) throws IOException;

  /**
   * Writes the packet between {@code src}'s position and limit; the position moves to the limit.
   */
  void write(ByteBuffer src) throws IOException;
}
