// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The user's sign-ins (a session token per deployment URL, and which deployment is current), kept
 * between runs and shared by the tray app and the CLI: the tokens in the desktop's Secret Service
 * when there is one, else a 0600 file; a single-deployment store from before reads as one. Every
 * call may block (processes, disk); stores are thread-safe and never log the token.
 */
package dev.coderdesktop.coder.sdk.signin;
