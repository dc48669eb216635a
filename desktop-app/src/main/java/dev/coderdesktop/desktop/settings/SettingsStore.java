// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.settings;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Reads and writes {@link Settings} as a properties file ({@code
 * $XDG_CONFIG_HOME/coder-desktop/desktop.properties}). Holds no secret. Calls block on disk.
 */
public final class SettingsStore {

  private static final Logger LOG = Logger.getLogger(SettingsStore.class.getName());

  private final Path file;

  /** A store in {@code file}. */
  public SettingsStore(Path file) {
    this.file = file;
  }

  /** The default file under {@code configHome} (the XDG config directory). */
  public static Path defaultFile(Path configHome) {
    return configHome.resolve("coder-desktop").resolve("desktop.properties");
  }

  /** The stored settings; defaults if there are none, or if they cannot be read (logged). */
  public Settings load() {
    if (!Files.exists(file)) {
      return Settings.DEFAULTS;
    }
    try {
      Properties p = new Properties();
      p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
      Map<String, String> headers;
      try {
        headers = Headers.parse(p.getProperty("headers", ""));
      } catch (HeaderException e) {
        LOG.warning("ignoring the stored headers in " + file + ": " + e.getMessage());
        headers = Map.of();
      }
      return new Settings(
          Boolean.parseBoolean(p.getProperty("startOnLogin", "false")),
          Boolean.parseBoolean(p.getProperty("connectOnLaunch", "false")),
          headers);
    } catch (IOException | IllegalArgumentException e) {
      LOG.warning("cannot read " + file + " (" + e.getMessage() + "); using defaults");
      return Settings.DEFAULTS;
    }
  }

  /** Writes {@code settings}. */
  public void save(Settings settings) throws IOException {
    Properties p = new Properties();
    p.setProperty("startOnLogin", Boolean.toString(settings.startOnLogin()));
    p.setProperty("connectOnLaunch", Boolean.toString(settings.connectOnLaunch()));
    p.setProperty("headers", settings.headersText());
    StringWriter w = new StringWriter();
    p.store(w, "Coder Desktop settings");
    Files.createDirectories(file.getParent());
    Files.writeString(file, w.toString(), StandardCharsets.UTF_8);
  }
}
