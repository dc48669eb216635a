// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The privileged service's entry point, {@link dev.coderdesktop.vpn.service.ServiceMain}. A request
 * reads top-down through the subpackages: {@code ipc} (the socket and the handler table) → {@code
 * session} (a tunnel session's lifecycle) → {@code dns} (the {@code .coder} resolver and the
 * system-resolver configuration).
 */
package dev.coderdesktop.vpn.service;
