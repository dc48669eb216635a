// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The DERP relay protocol: frames, the client, and a {@code Bind} that carries WireGuard over it.
 */
package dev.coderdesktop.tunnel.derp;
