// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop;

import javafx.application.Application;

/**
 * Entry point of the Coder Desktop tray app. A plain class (not the {@link Application}) so it can
 * start with JavaFX on the class path.
 */
public final class DesktopMain {

  private DesktopMain() {}

  /** Starts the app; see {@link DesktopConfig} for what it reads. */
  public static void main(String[] args) {
    Application.launch(DesktopApp.class, args);
  }
}
