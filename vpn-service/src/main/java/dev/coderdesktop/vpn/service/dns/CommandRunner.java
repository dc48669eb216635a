// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs a system command (resolvectl, resolvconf, nmcli, busctl). Injected so that every resolver
 * setup is testable without the tool; the real one merges stdout and stderr into the result or the
 * error.
 */
@FunctionalInterface
public interface CommandRunner {

  /**
   * Runs {@code cmd} with {@code stdin} as its input and returns its output; throws with the output
   * when it exits non-zero or cannot be started.
   */
  String run(List<String> cmd, String stdin) throws IOException;

  /** Runs {@code cmd} with empty input. */
  default String run(List<String> cmd) throws IOException {
    return run(cmd, "");
  }

  /** The real system. */
  static CommandRunner system() {
    return (cmd, stdin) -> {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      try {
        if (p.waitFor() != 0) {
          throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
        }
      } catch (InterruptedException e) {
        p.destroy();
        Thread.currentThread().interrupt();
        throw new IOException(String.join(" ", cmd) + " interrupted");
      }
      return out;
    };
  }
}
