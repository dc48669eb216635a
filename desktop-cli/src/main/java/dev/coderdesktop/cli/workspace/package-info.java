// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Commands that act on workspaces through the deployment's REST API, not the service: {@code
 * start}, {@code stop}, {@code ports} and {@code apps}. Each runs on the caller's thread.
 */
package dev.coderdesktop.cli.workspace;
