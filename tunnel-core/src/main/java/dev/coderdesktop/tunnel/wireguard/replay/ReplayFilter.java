// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.replay;

import java.util.Arrays;

/**
 * The sliding-window replay filter of RFC 6479 sized as in WireGuard: a ring of 128 64-bit blocks,
 * of which 127 form the window, so counters up to 8128 behind the newest are still accepted once.
 *
 * <p>Not thread-safe: a keypair's receive path owns it (callers synchronise if several threads
 * receive on one keypair).
 */
public final class ReplayFilter {

  /** How far behind the newest counter a packet may still be accepted. */
  public static final long WINDOW_SIZE = (128 - 1) * 64;

  private static final int BLOCK_BIT_LOG = 6;
  private static final int RING_BLOCKS = 128;
  private static final int BLOCK_MASK = RING_BLOCKS - 1;
  private static final int BIT_MASK = 63;

  private final long[] ring = new long[RING_BLOCKS];
  private long last;

  /** Forgets every counter seen. */
  public void reset() {
    last = 0;
    Arrays.fill(ring, 0);
  }

  /**
   * Accepts {@code counter} if it is below {@code limit} (unsigned), not older than the window, and
   * not seen before; accepting records it.
   */
  public boolean validateCounter(long counter, long limit) {
    if (Long.compareUnsigned(counter, limit) >= 0) {
      return false;
    }
    long indexBlock = counter >>> BLOCK_BIT_LOG;
    if (Long.compareUnsigned(counter, last) > 0) {
      long current = last >>> BLOCK_BIT_LOG;
      long diff = indexBlock - current;
      if (Long.compareUnsigned(diff, RING_BLOCKS) > 0) {
        diff = RING_BLOCKS;
      }
      for (long i = current + 1; i <= current + diff; i++) {
        ring[(int) (i & BLOCK_MASK)] = 0;
      }
      last = counter;
    } else if (Long.compareUnsigned(last - counter, WINDOW_SIZE) > 0) {
      return false;
    }
    int block = (int) (indexBlock & BLOCK_MASK);
    long bit = 1L << (counter & BIT_MASK);
    long old = ring[block];
    ring[block] = old | bit;
    return (old & bit) == 0;
  }
}
