// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Several deployments in the tray window: the switcher (which signed-in deployment is current, and
 * "Add deployment…") and the workspaces other users shared with the user, each view beside its view
 * model. Views and view models are used on the UI thread; store and REST calls run on the workers.
 */
package dev.coderdesktop.desktop.deployments;
