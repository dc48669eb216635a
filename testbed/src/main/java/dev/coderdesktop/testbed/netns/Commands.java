// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the iproute2 and OpenSSH commands the lab needs, failing with their output. */
final class Commands {

  private Commands() {}

  /** Runs {@code cmd}; throws with its output when it fails or hangs for 30 s. */
  static String run(String... cmd) throws IOException {
    Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + " hung");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted running " + cmd[0]);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
    }
    return out;
  }

  /** Runs {@code cmd} and ignores failure (for cleanup of things that may already be gone). */
  static void quietly(String... cmd) {
    try {
      run(cmd);
    } catch (IOException e) {
      // Already gone, most likely.
    }
  }
}
