// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * How a {@code .coder} name resolves: {@link dev.coderdesktop.vpn.service.dns.DnsShim} answers AAAA
 * queries for the agents' names from a {@link dev.coderdesktop.vpn.service.dns.HostTable} on the
 * resolver address, and {@link dev.coderdesktop.vpn.service.dns.ResolverConfigurator} points the
 * system resolver (systemd-resolved) at it for the {@code ~coder} domain. The shim serves on one
 * thread; the host table is replaced atomically from the engine's threads.
 */
package dev.coderdesktop.vpn.service.dns;
