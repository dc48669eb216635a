// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * "Start on login" as an XDG autostart entry ({@code
 * $XDG_CONFIG_HOME/autostart/coder-desktop.desktop}), which GNOME, KDE, Xfce and others run at
 * login. Calls block on disk.
 */
public final class Autostart {

  private final Path entry;
  private final String command;

  /**
   * @param configHome the XDG config directory
   * @param command what the entry runs, e.g. the launcher script's absolute path
   */
  public Autostart(Path configHome, String command) {
    this.entry = configHome.resolve("autostart").resolve("coder-desktop.desktop");
    this.command = command;
  }

  /** The entry's path. */
  public Path entry() {
    return entry;
  }

  /** Whether the entry exists. */
  public boolean enabled() {
    return Files.exists(entry);
  }

  /** Creates or removes the entry. */
  public void set(boolean on) throws IOException {
    if (!on) {
      Files.deleteIfExists(entry);
      return;
    }
    Files.createDirectories(entry.getParent());
    Files.writeString(
        entry,
        String.join(
            "\n",
            "[Desktop Entry]",
            "Type=Application",
            "Name=Coder Desktop",
            "Comment=Reach your Coder workspaces by their .coder names",
            "Exec=" + quote(command),
            "Icon=coder-desktop",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            ""),
        StandardCharsets.UTF_8);
  }

  /** Quotes per the Desktop Entry spec when the path has spaces or reserved characters. */
  static String quote(String cmd) {
    if (cmd.chars().noneMatch(c -> " \t\"'\\`$<>~|&;*?#()".indexOf(c) >= 0)) {
      return cmd;
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : cmd.toCharArray()) {
      if (c == '"' || c == '`' || c == '$' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }
}
