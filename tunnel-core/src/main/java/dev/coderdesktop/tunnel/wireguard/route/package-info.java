// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** Allowed-IPs routing: which peer owns which address. */
package dev.coderdesktop.tunnel.wireguard.route;
