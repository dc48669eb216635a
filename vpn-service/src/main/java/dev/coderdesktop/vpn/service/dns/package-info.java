// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Names for the agents: the {@code .coder} resolver (the shim, on UDP and TCP, forwarding other
 * names when it is the system's only server) and the system resolver setups that send the suffix's
 * names to it (systemd-resolved, NetworkManager, resolvconf, openresolv, a plain resolv.conf), with
 * crash repair. Each class states its threading contract; the setups run on the caller's thread.
 */
package dev.coderdesktop.vpn.service.dns;
