// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderdesktop.coder.sdk.net.Connectivity;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The service's warm-up for the first Start. */
class WarmupTest {

  @Test
  @Timeout(60)
  @DisplayName("every step runs without an error, again on a second run (no network needed)")
  void everyStepSucceeds() {
    SystemClock clock = new SystemClock("warmup-test");
    try {
      assertEquals(List.of(), Warmup.run(Connectivity.defaults(), clock), "steps that failed");
      assertEquals(List.of(), Warmup.run(Connectivity.defaults(), clock), "on a second run");
    } finally {
      clock.shutdown();
    }
  }
}
