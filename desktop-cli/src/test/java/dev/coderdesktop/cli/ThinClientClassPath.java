// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The dependency check of a thin client of the service (the CLI, the tray app), for its tests: the
 * runtime class path its build wrote to {@code target/classpath.txt} (what the launcher and the
 * installer use) holds vpn-proto and none of tunnel-core, vpn-service or the testbed.
 */
public final class ThinClientClassPath {

  private ThinClientClassPath() {}

  /** Checks the module under test; {@code who} names it in the failures ("the CLI"). */
  public static void assertThinClient(String who) throws IOException {
    Path file = Path.of("target", "classpath.txt");
    assertTrue(Files.exists(file), "the build writes " + file);
    String cp = Files.readString(file);
    assertTrue(cp.contains("vpn-proto"), who + " talks to the service through vpn-proto");
    for (String forbidden : new String[] {"tunnel-core", "vpn-service", "testbed"}) {
      assertFalse(
          cp.contains("/" + forbidden + "/") || cp.contains(forbidden + "-"),
          who + "'s runtime class path contains " + forbidden + "; depend on vpn-proto instead");
    }
  }
}
