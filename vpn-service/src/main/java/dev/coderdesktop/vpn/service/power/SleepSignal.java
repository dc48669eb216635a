// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.power;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * logind's {@code org.freedesktop.login1.Manager.PrepareForSleep(b start)}: sent with true before
 * the machine suspends or hibernates and with false once it resumed.
 */
enum SleepSignal {
  /** PrepareForSleep(true): the machine is about to sleep. */
  SUSPENDING,
  /** PrepareForSleep(false): the machine has resumed. */
  RESUMED;

  /**
   * The signal as {@code gdbus monitor} prints it: the object path, a colon, the interface and
   * member, and the arguments as a GVariant tuple, e.g. {@code /org/freedesktop/login1:
   * org.freedesktop.login1.Manager.PrepareForSleep (false,)}.
   */
  private static final Pattern LINE =
      Pattern.compile(
          "^/org/freedesktop/login1: org\\.freedesktop\\.login1\\.Manager\\.PrepareForSleep"
              + " \\((true|false),\\)\\s*$");

  /** The signal on one line of {@code gdbus monitor}'s output; empty for any other line. */
  static Optional<SleepSignal> parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(m.group(1).equals("true") ? SUSPENDING : RESUMED);
  }
}
