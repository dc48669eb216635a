// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The service's local socket: {@link dev.coderdesktop.vpn.service.ipc.LocalSocketServer} accepts on
 * the Unix socket and checks each peer's credentials against the {@link
 * dev.coderdesktop.vpn.service.ipc.AccessPolicy}; {@link
 * dev.coderdesktop.vpn.service.ipc.VpnService} is the table of handlers for Start, Stop and Status,
 * and {@link dev.coderdesktop.vpn.service.ipc.StatusMapper} turns the engine's view into {@code
 * PeerUpdate}s. One thread per connection; VpnService serialises commands under its own lock.
 */
package dev.coderdesktop.vpn.service.ipc;
