// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

  @TempDir Path dir;

  @Test
  @DisplayName("headers are literal Name: Value lines, in order, blank lines skipped")
  void headers() throws Exception {
    Map<String, String> h = Headers.parse("X-A: 1\n\n  X-B:  two words $HOME \r\nX-C:");
    assertEquals(Map.of("X-A", "1", "X-B", "two words $HOME", "X-C", ""), h);
    assertEquals(java.util.List.of("X-A", "X-B", "X-C"), java.util.List.copyOf(h.keySet()));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no colon here|NO_COLON",
        "Bad Name: x|BAD_NAME",
        "Coder-Session-Token: x|RESERVED",
        "host: x|RESERVED",
      })
  void badHeaders(String line, HeaderException.Reason want) {
    HeaderException e =
        assertThrows(HeaderException.class, () -> Headers.parse("X-Ok: 1\n" + line));
    assertEquals(want, e.reason());
    assertEquals(2, e.line());
    assertTrue(e.getMessage().startsWith("Line 2: "), e.getMessage());
  }

  @Test
  @DisplayName("settings survive a save and load; a missing file gives the defaults")
  void roundTrip() throws Exception {
    SettingsStore store = new SettingsStore(dir.resolve("c/desktop.properties"));
    assertEquals(Settings.DEFAULTS, store.load());
    Settings s = new Settings(true, true, Map.of("X-Proxy-Auth", "abc=="));
    store.save(s);
    assertEquals(s, store.load());
  }

  @Test
  @DisplayName("the settings file holding the headers is 0600, also one an older version left 0644")
  void privateFile() throws Exception {
    Path f = dir.resolve("p/desktop.properties");
    SettingsStore store = new SettingsStore(f);
    store.save(new Settings(false, false, Map.of("Authorization", "Bearer gateway-secret")));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    Files.setPosixFilePermissions(
        f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    store.save(new Settings(true, false, Map.of("Authorization", "Bearer gateway-secret")));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    assertTrue(store.load().startOnLogin());
  }

  @Test
  @DisplayName("start on login writes and removes an XDG autostart entry")
  void autostart() throws Exception {
    Autostart a = new Autostart(dir, "/opt/coder desktop/bin/coder-desktop-tray");
    assertFalse(a.enabled());
    a.set(true);
    assertEquals(dir.resolve("autostart/coder-desktop.desktop"), a.entry());
    String text = Files.readString(a.entry());
    assertTrue(text.startsWith("[Desktop Entry]\n"), text);
    assertTrue(text.contains("\nType=Application\n"), text);
    assertTrue(text.contains("\nExec=\"/opt/coder desktop/bin/coder-desktop-tray\"\n"), text);
    a.set(false);
    assertFalse(a.enabled());
  }
}
