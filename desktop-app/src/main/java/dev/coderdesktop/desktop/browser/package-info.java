// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Opening a URL in the user's browser (the deployment's token page). Called from the FX thread;
 * never blocks it.
 */
package dev.coderdesktop.desktop.browser;
