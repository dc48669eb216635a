// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Diagnostics: {@code ping} (one agent through the tunnel), {@code netcheck} (the path of a {@code
 * .coder} name, step by step, each with its fix) and {@code bugreport} (one file with versions,
 * status and recent logs, secrets removed). Single-threaded; every probe has a timeout.
 */
package dev.coderdesktop.cli.diagnose;
