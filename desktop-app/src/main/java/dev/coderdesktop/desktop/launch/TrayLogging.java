// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.launch;

import dev.coderdesktop.vpn.proto.logging.OneLineFormatter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tray app's log: one-line records on stderr and in {@code
 * $XDG_STATE_HOME/coder-desktop/tray.log} (default {@code ~/.local/state}; the previous run's file
 * is kept as {@code tray.log.1} once it passes 1 MB). dorkbox logs through SLF4J, which the
 * slf4j-jdk14 provider sends here too, so the tray icon's own diagnostics land in the same file.
 * {@code CODER_DESKTOP_DEBUG} turns on debug records.
 */
public final class TrayLogging {

  private static final long ROTATE_AT = 1 << 20;

  private TrayLogging() {}

  /** The log file for {@code env}. */
  public static Path file(Map<String, String> env) {
    String state = env.get("XDG_STATE_HOME");
    Path base =
        state != null && !state.isBlank()
            ? Path.of(state)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
    return base.resolve("coder-desktop").resolve("tray.log");
  }

  /** Replaces the root logger's handlers; returns the log file (empty path if it is unusable). */
  public static Path configure(Map<String, String> env) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    Level level = env.containsKey("CODER_DESKTOP_DEBUG") ? Level.FINE : Level.INFO;
    root.setLevel(level);
    ConsoleHandler console = new ConsoleHandler();
    console.setFormatter(OneLineFormatter.forStderr(env));
    console.setLevel(level);
    root.addHandler(console);
    Path file = file(env);
    try {
      Files.createDirectories(file.getParent());
      if (Files.exists(file) && Files.size(file) > ROTATE_AT) {
        Files.move(file, file.resolveSibling("tray.log.1"), StandardCopyOption.REPLACE_EXISTING);
      }
      FileHandler f = new FileHandler(file.toString(), true);
      f.setFormatter(new OneLineFormatter(true, false));
      f.setLevel(level);
      root.addHandler(f);
      return file;
    } catch (IOException | RuntimeException e) {
      root.warning("no log file at " + file + ": " + e.getMessage());
      return Path.of("");
    }
  }
}
