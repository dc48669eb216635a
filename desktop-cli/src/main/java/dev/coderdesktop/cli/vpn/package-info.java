// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** {@code up} and {@code down}: ask the service to start and stop CoderVPN. Single-threaded. */
package dev.coderdesktop.cli.vpn;
