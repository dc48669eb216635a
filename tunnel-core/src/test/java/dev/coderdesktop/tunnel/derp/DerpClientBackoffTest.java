// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The DERP client's redial schedule (the relay tests themselves live with the testbed's server).
 */
class DerpClientBackoffTest {

  @Test
  @DisplayName("backoff grows quadratically from 10 ms and is capped at 5 s (with 0.5-1.5 jitter)")
  void backoff() {
    for (int i = 0; i < 50; i++) {
      long one = DerpClient.backoff(1).toMillis();
      assertTrue(one >= 5 && one <= 15, "first " + one);
      long many = DerpClient.backoff(100).toMillis();
      assertTrue(many >= 2500 && many <= 7500, "capped " + many);
    }
  }
}
