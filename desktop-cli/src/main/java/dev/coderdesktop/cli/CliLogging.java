// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import dev.coderdesktop.vpn.proto.logging.OneLineFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The CLI's log: one-line records on stderr, warnings only unless {@code CODER_DESKTOP_DEBUG} is
 * set, so library chatter never mixes with a command's output.
 */
final class CliLogging {

  private CliLogging() {}

  static void configure() {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    Level level = System.getenv("CODER_DESKTOP_DEBUG") != null ? Level.FINE : Level.WARNING;
    ConsoleHandler h = new ConsoleHandler();
    h.setFormatter(new OneLineFormatter(false, false));
    h.setLevel(level);
    root.addHandler(h);
    root.setLevel(level);
  }
}
