// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The log format the service and its clients (tray app, CLI) share: one line per record with level
 * and logger, and journald's priority prefix when the process writes to the journal. Here because
 * every program depends on this module. Formatters are stateless and thread-safe.
 */
package dev.coderdesktop.vpn.proto.logging;
