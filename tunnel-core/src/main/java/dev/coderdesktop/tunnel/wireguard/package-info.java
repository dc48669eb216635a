// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The WireGuard device: peers, keypairs, the receiver-index table, the send and receive paths and
 * the protocol timers, over an injected TUN device, bind and clock.
 */
package dev.coderdesktop.tunnel.wireguard;
