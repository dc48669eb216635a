// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Direct (peer-to-peer UDP) paths beside the DERP relay, as the tailnet's Go peers make them: one
 * UDP socket per address family ({@link dev.coderdesktop.tunnel.path.UdpSockets}) carries
 * WireGuard, disco and STUN, told apart by content ({@code DatagramKind}); {@link
 * dev.coderdesktop.tunnel.path.StunProber} learns our candidate endpoints; {@link
 * dev.coderdesktop.tunnel.path.DirectPaths} pings each peer's candidates, keeps the fastest
 * confirmed one per peer alive and falls back to DERP when it stops answering; {@link
 * dev.coderdesktop.tunnel.path.PathBind} is the WireGuard transport that sends each packet on the
 * peer's current path and whose sources (the relay, each socket) WireGuard's threads drain.
 *
 * <p>Nothing here knows the coordinator: the client engine and a test agent wire it the same way
 * (see {@link dev.coderdesktop.tunnel.path.DirectPaths}). Threads: WireGuard's receive threads
 * (which read the sockets and hand STUN and disco on), the clock's timer thread and WireGuard's
 * other threads; every class states its contract.
 */
package dev.coderdesktop.tunnel.path;
