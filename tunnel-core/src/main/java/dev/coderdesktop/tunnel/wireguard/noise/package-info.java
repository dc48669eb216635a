// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** The Noise IKpsk2 handshake as WireGuard uses it. */
package dev.coderdesktop.tunnel.wireguard.noise;
