// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.browser;

import java.io.IOException;
import java.util.logging.Logger;
import javafx.application.HostServices;

/** Opens a link in the user's browser. Views call it from the UI thread; it never blocks. */
@FunctionalInterface
public interface Browser {

  /** Opens {@code url}. */
  void open(String url);

  /**
   * {@code xdg-open}, the freedesktop way that honours the user's default browser; if it cannot be
   * run, JavaFX's HostServices.
   */
  static Browser system(HostServices host) {
    Logger log = Logger.getLogger(Browser.class.getName());
    return url -> {
      try {
        new ProcessBuilder("xdg-open", url).redirectErrorStream(true).start();
      } catch (IOException e) {
        log.info("xdg-open failed (" + e.getMessage() + "); trying HostServices");
        host.showDocument(url);
      }
    };
  }
}
