// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop;

import java.util.Objects;

/** The app's one stylesheet. */
public final class Styles {

  private Styles() {}

  /** The stylesheet's URL, for {@code Scene.getStylesheets()}. */
  public static String url() {
    return Objects.requireNonNull(Styles.class.getResource("desktop.css"), "desktop.css missing")
        .toExternalForm();
  }
}
