// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.launch;

/**
 * dorkbox SystemTray pulls in dorkbox Updates, which every few hours POSTs an instance id and
 * library versions over plain HTTP unless told not to. A VPN client must not; the launchers pass
 * the switches too, and this sets them again before any dorkbox class loads (Updates reads its
 * switch once, in its static initialiser).
 */
public final class UpdateCheck {

  /** The property dorkbox Updates 1.1 reads: its class name plus ".ENABLE". */
  public static final String PROPERTY = "dorkbox.updates.Updates.ENABLE";

  /** The spelling dorkbox's documentation uses; set too, for other versions. */
  public static final String DOCUMENTED_PROPERTY = "dorkbox.Updates.ENABLE";

  private UpdateCheck() {}

  /** Turns the update check off. Call before anything touches dorkbox. */
  public static void disable() {
    System.setProperty(PROPERTY, "false");
    System.setProperty(DOCUMENTED_PROPERTY, "false");
  }
}
