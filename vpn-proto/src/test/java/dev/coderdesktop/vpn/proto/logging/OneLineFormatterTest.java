// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.proto.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OneLineFormatterTest {

  private static LogRecord record(Level level, String msg, Throwable t) {
    LogRecord r = new LogRecord(level, msg);
    r.setLoggerName("dev.coderdesktop.vpn.service.VpnService");
    r.setMillis(0);
    r.setThrown(t);
    return r;
  }

  @Test
  @DisplayName("under journald: priority prefix, level, short logger, no time, one line")
  void journal() {
    String line =
        OneLineFormatter.forStderr(Map.of("JOURNAL_STREAM", "8:123"))
            .format(record(Level.WARNING, "two\nlines", new IOException("boom\nagain")));
    assertTrue(line.startsWith("<4>WARNING VpnService: two | lines: java.io.IOException: boom"));
    assertEquals(1, line.split("\n", -1).length - 1, line);
  }

  @Test
  @DisplayName("for a file or a terminal: UTC time first, no priority prefix")
  void file() {
    String line = OneLineFormatter.forStderr(Map.of()).format(record(Level.INFO, "hi", null));
    assertEquals("1970-01-01T00:00:00.000Z INFO VpnService: hi\n", line);
  }

  @Test
  @DisplayName("levels map to syslog priorities; foreign loggers keep their names")
  void priorities() {
    assertEquals(3, OneLineFormatter.priority(Level.SEVERE));
    assertEquals(6, OneLineFormatter.priority(Level.INFO));
    assertEquals(7, OneLineFormatter.priority(Level.FINE));
    assertEquals(
        "dorkbox.systemTray.SystemTray",
        OneLineFormatter.shortName("dorkbox.systemTray.SystemTray"));
  }
}
