// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Coder Connect, the engine that ties the protocols together: {@link
 * dev.coderdesktop.tunnel.connect.CoderConnect} puts our node on the tailnet, turns the agents the
 * coordinator sends into WireGuard peers over DERP and disco peers, and pings each agent every 5 s
 * ({@link dev.coderdesktop.tunnel.connect.AgentPinger}). Thread-safe; listeners are called on the
 * engine's own threads and must not block.
 */
package dev.coderdesktop.tunnel.connect;
