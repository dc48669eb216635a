// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Disco, the tailnet's discovery side channel: sealed Ping, Pong and CallMeMaybe messages between
 * nodes' disco keys, here carried over the DERP relay. Used to answer peers' pings and to measure
 * each agent's round-trip time.
 */
package dev.coderdesktop.tunnel.disco;
