// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The settings window and what it edits: extra HTTP headers, start at login (an XDG autostart
 * entry), stored as an immutable {@link dev.coderdesktop.desktop.settings.Settings} value. The view
 * runs on the FX thread; the store does file I/O and is called from workers.
 */
package dev.coderdesktop.desktop.settings;
