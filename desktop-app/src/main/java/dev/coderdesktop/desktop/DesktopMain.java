// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop;

import dev.coderdesktop.desktop.launch.SingleInstance;
import dev.coderdesktop.desktop.launch.SoftwareRendering;
import dev.coderdesktop.desktop.launch.TrayLogging;
import dev.coderdesktop.desktop.launch.UpdateCheck;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javafx.application.Application;

/**
 * Entry point of the Coder Desktop tray app. A plain class (not the {@link Application}) so it can
 * start with JavaFX on the class path, and so the steps that must come before JavaFX and dorkbox
 * load run first: the update check off, the log, the display check, the single instance, GTK's
 * OpenGL off.
 */
public final class DesktopMain {

  private static final Logger LOG = Logger.getLogger(DesktopMain.class.getName());

  private DesktopMain() {}

  /** Starts the app; see {@link DesktopConfig} for what it reads. */
  public static void main(String[] args) {
    UpdateCheck.disable();
    Map<String, String> env = System.getenv();
    TrayLogging.configure(env);
    if (!env.containsKey("DISPLAY")
        && !env.containsKey("WAYLAND_DISPLAY")
        && !"Headless".equals(System.getProperty("glass.platform"))) {
      System.err.println(
          "coder-desktop-tray: no display (DISPLAY and WAYLAND_DISPLAY are unset): start it in"
              + " your desktop session, or use the coder-desktop command here");
      System.exit(1);
    }
    SingleInstance instance = null;
    try {
      Optional<String> link =
          java.util.Arrays.stream(args).filter(a -> a.startsWith("coder:")).findFirst();
      Optional<SingleInstance> claimed = SingleInstance.claim(SingleInstance.socket(env), link);
      if (claimed.isEmpty()) {
        System.err.println(
            "coder-desktop-tray: already running; "
                + (link.isPresent() ? "handed it the link" : "showed its window"));
        return;
      }
      instance = claimed.get();
    } catch (IOException e) {
      LOG.warning("cannot make sure only one tray app runs: " + e.getMessage());
    }
    DesktopApp.handOver(instance);
    SoftwareRendering.beforeToolkit();
    Application.launch(DesktopApp.class, args);
  }
}
