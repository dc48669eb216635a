// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The user's sign-in (deployment URL and session token), kept between runs and shared by the tray
 * app and the CLI: the token in the desktop's Secret Service when there is one, else a 0600 file.
 * Every call may block (processes, disk); stores are thread-safe and never log the token.
 */
package dev.coderdesktop.coder.sdk.signin;
