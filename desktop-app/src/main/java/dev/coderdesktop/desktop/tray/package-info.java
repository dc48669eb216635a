// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The tray window and its view model, where a click starts: {@link
 * dev.coderdesktop.desktop.tray.TrayView} (the CoderVPN switch, the workspace list) and {@link
 * dev.coderdesktop.desktop.tray.VpnViewModel}, which turns the switch into Start and Stop through
 * {@code service/} and the service's status into list rows; plus the tray icon and its menu. Views
 * and the view model's properties belong to the FX thread; service calls run on workers.
 */
package dev.coderdesktop.desktop.tray;
