// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** Replay protection for WireGuard transport counters. */
package dev.coderdesktop.tunnel.wireguard.replay;
