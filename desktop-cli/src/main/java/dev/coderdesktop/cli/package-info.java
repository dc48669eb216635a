// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The {@code coder-desktop} command (picocli): login, up, down, status, hosts and ping, each a
 * short-lived client of the service's socket. Runs on the main thread.
 */
package dev.coderdesktop.cli;
