// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.signin;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the sign-in lives on disk, under the XDG config directory. Immutable.
 *
 * @param credentials the 0600 file holding URL and token when there is no keyring
 * @param settings the settings file ({@code desktop.properties}) that holds the URL next to the
 *     tray's preferences when the token is in the keyring
 */
public record SignInFiles(Path credentials, Path settings) {

  /** The files under {@code $XDG_CONFIG_HOME/coder-desktop} (default {@code ~/.config}). */
  public static SignInFiles of(Map<String, String> env) {
    return under(configHome(env));
  }

  /** The files under {@code configHome/coder-desktop}. */
  public static SignInFiles under(Path configHome) {
    Path dir = configHome.resolve("coder-desktop");
    return new SignInFiles(dir.resolve("credentials"), dir.resolve("desktop.properties"));
  }

  /** {@code XDG_CONFIG_HOME}, or {@code ~/.config} (from {@code HOME}, else user.home). */
  public static Path configHome(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg);
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".config");
  }
}
