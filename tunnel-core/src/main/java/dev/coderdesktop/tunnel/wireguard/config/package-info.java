// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** Immutable WireGuard configuration values and their parser. */
package dev.coderdesktop.tunnel.wireguard.config;
