// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The sign-in window and its view model: deployment URL, then session token, each checked against
 * the deployment off the FX thread; the view model publishes results back on the FX thread.
 */
package dev.coderdesktop.desktop.signin;
