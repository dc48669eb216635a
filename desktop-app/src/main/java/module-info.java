// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** The Coder Desktop tray app: a JavaFX thin client of the service's socket. */
module dev.coderdesktop.desktop {
  requires dev.coderdesktop.vpn.proto;
  requires dev.coderdesktop.coder.sdk;
  requires javafx.controls;
  requires java.desktop;
  requires java.logging;
  requires dorkbox.systemtray;

  // JavaFX instantiates the Application subclass reflectively.
  exports dev.coderdesktop.desktop to
      javafx.graphics;
}
