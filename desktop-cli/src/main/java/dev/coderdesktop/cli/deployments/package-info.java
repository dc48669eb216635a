// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Several deployments: {@code deployments} lists the sign-ins, {@code use} switches the current one
 * (moving CoderVPN when it is on), {@code shared} lists the workspaces others shared with the user.
 * Single-threaded.
 */
package dev.coderdesktop.cli.deployments;
