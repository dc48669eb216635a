// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.settings;

import dev.coderdesktop.coder.sdk.signin.PropertiesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Reads and writes {@link Settings} as a properties file ({@code
 * $XDG_CONFIG_HOME/coder-desktop/desktop.properties}), which also holds the signed-in deployment's
 * URL (never the token). Calls block on disk.
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
      Properties p = PropertiesFile.read(file);
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
          headers,
          Boolean.parseBoolean(p.getProperty("notifications", "true")),
          Boolean.parseBoolean(p.getProperty("stopOnQuit", "true")),
          Boolean.parseBoolean(p.getProperty("allowInsecureHttp", "false")));
    } catch (IOException | IllegalArgumentException e) {
      LOG.warning("cannot read " + file + " (" + e.getMessage() + "); using defaults");
      return Settings.DEFAULTS;
    }
  }

  /**
   * Writes {@code settings}, keeping the other keys in the file (the sign-in's {@code url} lives
   * there too when the token is in the keyring).
   */
  public void save(Settings settings) throws IOException {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("startOnLogin", Boolean.toString(settings.startOnLogin()));
    p.put("connectOnLaunch", Boolean.toString(settings.connectOnLaunch()));
    p.put("headers", settings.headersText());
    p.put("notifications", Boolean.toString(settings.notifications()));
    p.put("stopOnQuit", Boolean.toString(settings.stopOnQuit()));
    p.put("allowInsecureHttp", Boolean.toString(settings.allowInsecureHttp()));
    PropertiesFile.update(file, p, "Coder Desktop settings");
  }
}
