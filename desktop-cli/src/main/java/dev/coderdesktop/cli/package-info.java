// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The {@code coder-desktop} command: the picocli command tree, its exit codes and error handling,
 * and what every command shares (the terminal, the service connection, the stored sign-in, through
 * {@link dev.coderdesktop.cli.Subcommand}; the {@code --json} option). One command per file in the
 * subpackages. Single-threaded, except {@code status --watch}.
 */
package dev.coderdesktop.cli;
