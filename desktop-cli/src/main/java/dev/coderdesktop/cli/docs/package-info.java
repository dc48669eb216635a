// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Documents generated from the command tree itself, so they cannot drift from the code: the bash
 * (and zsh, through bashcompinit) completion script and the man page. The package installs both.
 * Stateless.
 */
package dev.coderdesktop.cli.docs;
