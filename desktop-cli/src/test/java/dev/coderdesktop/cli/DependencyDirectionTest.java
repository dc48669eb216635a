// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DependencyDirectionTest {

  @Test
  @DisplayName(
      "the CLI must not link tunnel-core or the service: it is a thin client of the socket")
  void noTunnelCode() throws Exception {
    // The runtime class path only; the test class path is wider on purpose: the end-to-end test
    // runs the real service and the testbed.
    ThinClientClassPath.assertThinClient("the CLI");
  }
}
