// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.standalone;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Guards for tests that need root, network namespaces and Debian tools: they skip on a developer
 * machine that lacks them, but fail under CI (environment variable {@code CI} set) so a missing
 * prerequisite can never pass silently.
 */
public final class RootEnvironment {

  private RootEnvironment() {}

  /** Skips (or, under CI, fails) unless running as root with every named tool on the PATH. */
  public static void require(String... tools) {
    String why = null;
    if (!"root".equals(System.getProperty("user.name"))) {
      why = "needs root for network namespaces";
    } else {
      for (String tool : tools) {
        if (which(tool) == null) {
          why = "needs " + tool + " (scripts/prereqs.sh installs it)";
          break;
        }
      }
    }
    if (why == null) {
      return;
    }
    if (System.getenv("CI") != null) {
      fail("CI must run this test, but it " + why);
    }
    assumeTrue(false, why);
  }

  /** The repository root (the parent of the module directory Maven runs tests in). */
  public static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the repository root from " + Path.of(""));
    }
    return p;
  }

  private static Path which(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path c = Path.of(dir, tool);
      if (Files.isExecutable(c)) {
        return c;
      }
    }
    return null;
  }
}
