// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.proto.logging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per record: {@code [time ]LEVEL logger: message[: exception]}, with line breaks in the
 * message and the exception folded, so journald and grep see one record per line. Under journald
 * ({@code JOURNAL_STREAM} set) each line starts with the syslog priority ({@code <3>} … {@code
 * <7>}), which journald reads as the record's priority, and the time is left to the journal.
 * Stateless; thread-safe.
 */
public final class OneLineFormatter extends Formatter {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", java.util.Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final boolean timestamps;
  private final boolean journalPriority;

  /**
   * @param timestamps whether to start each line with the UTC time (for files, not the journal)
   * @param journalPriority whether to start each line with journald's {@code <N>} priority
   */
  public OneLineFormatter(boolean timestamps, boolean journalPriority) {
    this.timestamps = timestamps;
    this.journalPriority = journalPriority;
  }

  /** For stderr: the priority prefix and no time under journald, the time otherwise. */
  public static OneLineFormatter forStderr(Map<String, String> env) {
    boolean journal = env.containsKey("JOURNAL_STREAM");
    return new OneLineFormatter(!journal, journal);
  }

  /**
   * Makes the root logger's handlers (java.util.logging's default: one on stderr) write one-line
   * records; call first thing in {@code main}.
   */
  public static void useForRootHandlers(Map<String, String> env) {
    for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
      h.setFormatter(forStderr(env));
    }
  }

  @Override
  public String format(LogRecord r) {
    StringBuilder b = new StringBuilder(128);
    if (journalPriority) {
      b.append('<').append(priority(r.getLevel())).append('>');
    }
    if (timestamps) {
      b.append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ');
    }
    b.append(r.getLevel().getName()).append(' ').append(shortName(r.getLoggerName())).append(": ");
    b.append(fold(formatMessage(r)));
    Throwable t = r.getThrown();
    if (t != null) {
      b.append(": ").append(fold(t.toString()));
      StackTraceElement[] at = t.getStackTrace();
      if (at.length > 0) {
        b.append(" at ").append(at[0]);
      }
    }
    return b.append('\n').toString();
  }

  /** The class's simple name for our own loggers; other libraries keep their full names. */
  static String shortName(String logger) {
    if (logger == null || logger.isEmpty()) {
      return "root";
    }
    return logger.startsWith("dev.coderdesktop.")
        ? logger.substring(logger.lastIndexOf('.') + 1)
        : logger;
  }

  /** syslog priorities: err 3, warning 4, info 6, debug 7. */
  static int priority(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return 3;
    }
    if (v >= Level.WARNING.intValue()) {
      return 4;
    }
    if (v >= Level.INFO.intValue()) {
      return 6;
    }
    return 7;
  }

  private static String fold(String s) {
    return s == null ? "" : s.strip().replace("\r", "").replace("\n", " | ");
  }
}
