// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A short run of the tray-list benchmark so the build notices a gross slowdown. */
@Timeout(120)
class TrayListBenchTest {

  @Test
  @DisplayName("a full status of 1,000 workspaces reaches the laid-out list well under a second")
  void thousandWorkspaces() throws Exception {
    double median = TrayListBench.median(TrayListBench.run(1000, 3, 5));
    // The target is 200 ms (bench/tray-list.sh); the test allows for a busy CI machine.
    assertTrue(median < 1000, "median " + median + " ms");
  }
}
