// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The tray app's entry point and wiring: {@link dev.coderdesktop.desktop.DesktopMain} parses the
 * options, {@link dev.coderdesktop.desktop.DesktopApp} starts JavaFX and {@link
 * dev.coderdesktop.desktop.DesktopWindows} builds the windows and view models in dependency order
 * on the FX thread.
 */
package dev.coderdesktop.desktop;
