// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * A tunnel session's lifecycle: {@link dev.coderdesktop.vpn.service.session.TunnelSession} signs in
 * over REST and picks the home DERP region ({@link
 * dev.coderdesktop.vpn.service.session.DerpSelection}), then sets up the host network (TUN device,
 * address, route, the {@code .coder} resolver) and starts the engine, undoing every step if a later
 * one fails. Opening blocks the caller; a session is closed once, from any thread. {@link
 * dev.coderdesktop.vpn.service.session.ForegroundConnect} runs one session without the socket.
 */
package dev.coderdesktop.vpn.service.session;
