// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * What happens before JavaFX starts: the privacy switch for dorkbox's update check, the log (one
 * line per record, to stderr and {@code $XDG_STATE_HOME/coder-desktop/tray.log}, SLF4J included),
 * the one-line refusal without a display, and the single-instance socket. Runs on the main thread;
 * {@link dev.coderdesktop.desktop.launch.SingleInstance} serves on a daemon thread of its own.
 */
package dev.coderdesktop.desktop.launch;
