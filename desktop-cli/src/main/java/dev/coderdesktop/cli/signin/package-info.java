// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * {@code login} and {@code logout}: check a deployment and a token, keep them where the tray app
 * keeps them (the keyring, else the 0600 file), and forget them. Single-threaded.
 */
package dev.coderdesktop.cli.signin;
