// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.actions;

import java.io.IOException;
import java.util.List;

/** Runs the program that opens a link (xdg-open, a terminal); tests record instead. */
@FunctionalInterface
public interface Opener {

  /** Starts {@code command} without waiting for it. */
  void run(List<String> command) throws IOException;

  /** Starts the command as a child process, its output discarded. */
  static Opener system() {
    return command ->
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
  }
}
