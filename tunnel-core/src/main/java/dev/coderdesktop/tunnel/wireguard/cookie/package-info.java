// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** WireGuard's mac1/mac2 and cookie-reply DoS protection. */
package dev.coderdesktop.tunnel.wireguard.cookie;
