// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Bringing a session up and down: the steps a session takes on the machine ({@link
 * dev.coderdesktop.vpn.service.session.SessionPlatform}, real in {@link
 * dev.coderdesktop.vpn.service.session.LinuxPlatform}), the {@link
 * dev.coderdesktop.vpn.service.session.Teardown} that undoes whatever was done, and the state file
 * that brings the VPN back after the service restarts. Classes state their own thread-safety.
 */
package dev.coderdesktop.vpn.service.session;
