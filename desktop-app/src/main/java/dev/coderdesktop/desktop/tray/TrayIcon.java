// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.tray;

import dev.coderdesktop.desktop.state.AppStatus;
import dev.coderdesktop.desktop.threading.UiThread;
import dorkbox.systemTray.MenuItem;
import dorkbox.systemTray.SystemTray;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The icon in the desktop's tray (StatusNotifierItem/AppIndicator or XEmbed, through dorkbox
 * SystemTray), with a menu that opens the tray window or quits. Having no tray host is a normal
 * mode: {@link #install} then returns empty and says why in the log, and the app shows its window
 * instead. Menu callbacks arrive on the tray's thread and are posted to the UI thread.
 */
public final class TrayIcon implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TrayIcon.class.getName());

  private final SystemTray tray;

  private TrayIcon(SystemTray tray) {
    this.tray = tray;
  }

  /**
   * Puts the icon in the tray; empty when there is no tray host (or the library cannot run here).
   */
  public static Optional<TrayIcon> install(UiThread ui, Runnable showWindow, Runnable quit) {
    if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
      LOG.info("no tray icon: there is no display (DISPLAY and WAYLAND_DISPLAY are unset)");
      return Optional.empty();
    }
    SystemTray t;
    try {
      t = SystemTray.get("Coder Desktop");
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.INFO, "no tray icon: the tray library failed here: " + e, e);
      return Optional.empty();
    }
    if (t == null) {
      LOG.info("no tray icon: this desktop has no system tray host; showing the window instead");
      return Optional.empty();
    }
    LOG.info("tray icon installed (" + t.getType() + ")");
    t.getMenu().add(new MenuItem("Open Coder Desktop", e -> ui.post(showWindow)));
    t.getMenu().add(new MenuItem("Quit", e -> ui.post(quit)));
    return Optional.of(new TrayIcon(t));
  }

  /** Shows {@code s} in the icon and its tooltip. */
  public void show(AppStatus s) {
    tray.setImage(TrayIcons.icon(s.state(), Math.max(16, tray.getTrayImageSize())));
    String text = "Coder Desktop: " + s.state().name().toLowerCase(java.util.Locale.ROOT);
    tray.setTooltip(text);
    tray.setStatus(text);
  }

  @Override
  public void close() {
    tray.shutdown();
  }
}
