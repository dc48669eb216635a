// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** TAI64N timestamps carried in WireGuard handshake initiations. */
package dev.coderdesktop.tunnel.wireguard.tai64n;
