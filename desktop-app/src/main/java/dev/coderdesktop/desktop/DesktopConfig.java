// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the app finds things, from the environment and system properties. Immutable.
 *
 * @param socket the service's socket ({@code -Dcoder.desktop.socket} or {@code
 *     CODER_DESKTOP_SOCKET}, default {@code /run/coder-desktop/vpn.sock})
 * @param configHome the XDG config directory ({@code XDG_CONFIG_HOME}, default {@code ~/.config})
 * @param launcher the command the autostart entry runs ({@code -Dcoder.desktop.launcher}, set by
 *     {@code bin/coder-desktop-tray}; default {@code coder-desktop-tray})
 */
public record DesktopConfig(Path socket, Path configHome, String launcher) {

  /** The default socket, as the service creates it. */
  public static final Path DEFAULT_SOCKET = Path.of("/run/coder-desktop/vpn.sock");

  /** Reads {@code env} and the system properties. */
  public static DesktopConfig from(Map<String, String> env) {
    String s = System.getProperty("coder.desktop.socket", env.get("CODER_DESKTOP_SOCKET"));
    String xdg = env.get("XDG_CONFIG_HOME");
    Path config =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return new DesktopConfig(
        s == null || s.isBlank() ? DEFAULT_SOCKET : Path.of(s),
        config,
        System.getProperty("coder.desktop.launcher", "coder-desktop-tray"));
  }
}
