// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.launch;

/** Run in a fresh JVM: what dorkbox Updates decides after the app's own switch, printed. */
public final class UpdateCheckProbe {

  private UpdateCheckProbe() {}

  /** Prints "ENABLE=true|false". */
  public static void main(String[] args) {
    UpdateCheck.disable();
    System.out.println("ENABLE=" + dorkbox.updates.Updates.INSTANCE.getENABLE());
  }
}
