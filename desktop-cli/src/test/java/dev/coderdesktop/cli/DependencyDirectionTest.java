// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DependencyDirectionTest {

  @Test
  @DisplayName(
      "the CLI must not link tunnel-core or the service: it is a thin client of the socket")
  void noTunnelCode() throws Exception {
    // The runtime class path the build wrote (what the launcher and the installer use); the test
    // class path is wider on purpose: the end-to-end test runs the real service and the testbed.
    Path file = Path.of("target", "classpath.txt");
    assertTrue(Files.exists(file), "the build writes " + file);
    String cp = Files.readString(file);
    assertTrue(cp.contains("vpn-proto"), "the CLI talks to the service through vpn-proto");
    for (String forbidden : new String[] {"tunnel-core", "vpn-service", "testbed"}) {
      assertFalse(
          cp.contains("/" + forbidden + "/") || cp.contains(forbidden + "-"),
          "the CLI's runtime class path contains " + forbidden + "; depend on vpn-proto instead");
    }
  }
}
