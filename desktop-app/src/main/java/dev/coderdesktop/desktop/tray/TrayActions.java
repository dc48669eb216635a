// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.tray;

/** What the tray window's buttons ask the app to do. Called on the UI thread. */
public interface TrayActions {

  /** Show the sign-in window. */
  void showSignIn();

  /** Show the settings window. */
  void showSettings();

  /** Open {@code url} in the browser. */
  void open(String url);

  /** Show a workspace's actions (start or stop, ports, apps). */
  default void showWorkspace(dev.coderdesktop.desktop.workspaces.WorkspaceRow row) {}

  /** Quit the app (CoderVPN stays as the service has it). */
  void quit();
}
