// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.power;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where the lines of a bus monitor come from: a child process in the service, a scripted stream in
 * tests.
 */
@FunctionalInterface
interface SignalSource {

  /** Starts monitoring; fails when the monitor cannot be started at all (not installed). */
  Monitor open() throws IOException;

  /** A running monitor. */
  interface Monitor extends AutoCloseable {
    /** The next line; null once the monitor ended. Blocks. */
    String readLine() throws IOException;

    /** Stops the monitor; a blocked {@link #readLine} then returns or throws. */
    @Override
    void close();
  }

  /** A child process running {@code command}, its standard output read line by line. */
  static SignalSource process(List<String> command) {
    List<String> argv = List.copyOf(command);
    return () -> {
      Process p =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      return new Monitor() {
        @Override
        public String readLine() throws IOException {
          return out.readLine();
        }

        @Override
        public void close() {
          p.destroyForcibly();
        }
      };
    };
  }
}
