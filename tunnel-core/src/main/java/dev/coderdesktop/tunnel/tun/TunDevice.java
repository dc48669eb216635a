// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A layer-3 packet device: each read returns one whole IPv4 or IPv6 packet, each write sends one;
 * the batch forms move several at once (an offloading device reads one large segment and hands it
 * out as packets, and merges written segments). Implementations: the Linux TUN device and in-memory
 * channels for tests.
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

  /**
   * Blocks until at least one packet is available, then reads one or more: packet {@code i} into
   * {@code bufs[i]} from {@code offset}, its length into {@code sizes[i]}. Returns how many (at
   * least one, at most {@code bufs.length}). Packets that do not fit their buffer are dropped. This
   * default reads one.
   */
  default int readBatch(byte[][] bufs, int offset, int[] sizes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bufs[0], offset, bufs[0].length - offset);
    sizes[0] = read(b);
    return 1;
  }

  /**
   * Writes the packets {@code bufs[i][offset, offset+sizes[i])} for {@code i < count}, in order.
   * The bytes before {@code offset} (at least 16) are the device's to use. This default writes one
   * at a time.
   */
  default void writeBatch(byte[][] bufs, int offset, int[] sizes, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      write(ByteBuffer.wrap(bufs[i], offset, sizes[i]));
    }
  }
}
