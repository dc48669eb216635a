// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The {@link dev.coderdesktop.tunnel.tun.TunDevice} seam: the layer-3 packet device the engine
 * reads and writes (the Linux implementation is in {@code tun.linux}). One reader thread and any
 * number of writers.
 */
package dev.coderdesktop.tunnel.tun;
