// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.tray;

import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.state.AppStatus;
import dev.coderdesktop.desktop.threading.UiThread;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Run in a child JVM on a real (virtual) X display: installs the tray icon, shows each state, and
 * prints {@code installed=true|false}.
 */
public final class TrayIconProbe {

  private TrayIconProbe() {}

  /** Prints whether the icon went into a tray. */
  public static void main(String[] args) throws Exception {
    CompletableFuture<Void> up = new CompletableFuture<>();
    Platform.startup(() -> up.complete(null));
    up.get(30, TimeUnit.SECONDS);
    CompletableFuture<Optional<TrayIcon>> f = new CompletableFuture<>();
    Platform.runLater(() -> f.complete(TrayIcon.install(UiThread.javafx(), () -> {}, () -> {})));
    Optional<TrayIcon> icon = f.get(30, TimeUnit.SECONDS);
    if (icon.isPresent()) {
      for (AppState s : AppState.values()) {
        icon.get().show(AppStatus.of(s));
      }
      icon.get().close();
    }
    System.out.println("installed=" + icon.isPresent());
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
