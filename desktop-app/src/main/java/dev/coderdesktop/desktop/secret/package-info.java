// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Where the session token lives between runs: the desktop keyring through {@code secret-tool}, or a
 * 0600 file when there is none, behind {@link dev.coderdesktop.desktop.secret.TokenStore}. Stores
 * block (they run commands or touch disk): call them from a worker thread, never the FX thread.
 */
package dev.coderdesktop.desktop.secret;
