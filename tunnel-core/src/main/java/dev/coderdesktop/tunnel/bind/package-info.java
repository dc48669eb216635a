// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** Datagram transports that carry WireGuard messages between peers. */
package dev.coderdesktop.tunnel.bind;
