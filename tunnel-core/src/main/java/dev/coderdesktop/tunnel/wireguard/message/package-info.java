// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** WireGuard message layouts. */
package dev.coderdesktop.tunnel.wireguard.message;
