// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The workspace list as values: rows built from the service's status ({@link
 * dev.coderdesktop.desktop.workspaces.WorkspaceListMapper}), status dots and hostnames. Immutable
 * values and pure functions, usable from any thread; the FX list is swapped on the FX thread.
 */
package dev.coderdesktop.desktop.workspaces;
