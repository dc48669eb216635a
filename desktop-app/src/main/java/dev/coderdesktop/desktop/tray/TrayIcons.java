// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.tray;

import dev.coderdesktop.desktop.state.AppState;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The tray icon for each state, drawn rather than shipped so every size stays sharp: a ring (the
 * Coder "C" idea, kept simple) with a state dot — green on, yellow while changing, red on error,
 * grey off, hollow when signed out or without a service. Stateless.
 */
public final class TrayIcons {

  private TrayIcons() {}

  /** The colour of the state's dot, or null for a hollow one. */
  static Color dot(AppState s) {
    return switch (s) {
      case ON -> new Color(0x2f, 0xb3, 0x44);
      case CONNECTING, DISCONNECTING -> new Color(0xe3, 0xb3, 0x0b);
      case ERROR -> new Color(0xd6, 0x39, 0x39);
      case OFF -> new Color(0x9a, 0x9a, 0xa2);
      case SIGNED_OUT, SERVICE_UNAVAILABLE -> null;
    };
  }

  /** A {@code size}×{@code size} icon for {@code s}. */
  public static BufferedImage icon(AppState s, int size) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      float w = Math.max(1.5f, size / 10f);
      g.setStroke(new BasicStroke(w));
      g.setColor(new Color(0x30, 0x30, 0x36));
      int pad = Math.round(w);
      g.drawArc(pad, pad, size - 2 * pad, size - 2 * pad, 40, 280);
      Color c = dot(s);
      int d = size / 2;
      int at = (size - d) / 2;
      if (c == null) {
        g.drawOval(at, at, d, d);
      } else {
        g.setColor(c);
        g.fillOval(at, at, d, d);
      }
    } finally {
      g.dispose();
    }
    return img;
  }
}
