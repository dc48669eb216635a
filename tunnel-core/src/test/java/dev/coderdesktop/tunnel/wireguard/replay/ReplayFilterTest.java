// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReplayFilterTest {

  private static final long LIMIT = -1L - (1L << 13); // 2^64 - 2^13 - 1 as unsigned
  private static final long W = ReplayFilter.WINDOW_SIZE;

  /** Each row: counter, whether it must be accepted; applied in order to one filter. */
  private static final long[][] SEQUENCE = {
    {0, 1},
    {1, 1},
    {1, 0},
    {9, 1},
    {8, 1},
    {7, 1},
    {7, 0},
    {W, 1},
    {W + 1, 1},
    {W + 1, 0},
    {2, 1},
    {1, 0},
    {W + 2, 1},
    {W + 3, 1},
    {2, 0},
    {1, 0},
    {W + 4, 0} // filled below
  };

  @Test
  @DisplayName("accepts each counter once, within an 8128-counter window")
  void sequence() {
    ReplayFilter f = new ReplayFilter();
    int step = 0;
    for (long[] row : SEQUENCE) {
      if (row[0] == W + 4) {
        break;
      }
      assertEquals(row[1] == 1, f.validateCounter(row[0], LIMIT), "step " + step + " #" + row[0]);
      step++;
    }
    // Now the newest is W+3; anything more than W behind it is too old.
    assertEquals(false, f.validateCounter(2, LIMIT));
    assertEquals(true, f.validateCounter(3, LIMIT));
    assertEquals(false, f.validateCounter(3, LIMIT));
  }

  @Test
  @DisplayName("a jump far ahead clears the whole window")
  void jump() {
    ReplayFilter f = new ReplayFilter();
    for (long c = 0; c < 100; c++) {
      assertEquals(true, f.validateCounter(c, LIMIT));
    }
    long far = 1_000_000;
    assertEquals(true, f.validateCounter(far, LIMIT));
    assertEquals(false, f.validateCounter(far, LIMIT));
    assertEquals(true, f.validateCounter(far - 1, LIMIT));
    assertEquals(true, f.validateCounter(far - W, LIMIT));
    assertEquals(false, f.validateCounter(far - W - 1, LIMIT));
    // Counters at the ring positions the old traffic used are fresh again.
    assertEquals(true, f.validateCounter(far - 64 * 100, LIMIT));
  }

  @Test
  @DisplayName("counters at or over the limit are refused")
  void limit() {
    ReplayFilter f = new ReplayFilter();
    assertEquals(false, f.validateCounter(LIMIT, LIMIT));
    assertEquals(false, f.validateCounter(-1L, LIMIT));
    assertEquals(true, f.validateCounter(LIMIT - 1, LIMIT));
  }

  @Test
  @DisplayName("every counter in a long in-order run is accepted exactly once")
  void longRun() {
    ReplayFilter f = new ReplayFilter();
    for (long c = 0; c < 50_000; c++) {
      assertEquals(true, f.validateCounter(c, LIMIT));
      if (c > 10) {
        assertEquals(false, f.validateCounter(c - 10, LIMIT));
      }
    }
    f.reset();
    assertEquals(true, f.validateCounter(5, LIMIT));
  }
}
