// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * STUN (RFC 5389) binding requests and responses, as the tailnet speaks them: a client learns the
 * address and port a NAT maps its UDP socket to from a STUN server's XOR-MAPPED-ADDRESS, and a
 * server answers requests. Requests carry the SOFTWARE value {@code tailnode} and a FINGERPRINT,
 * which the Coder deployment's STUN server requires. Stateless codecs with immutable values; safe
 * from any thread.
 */
package dev.coderdesktop.tunnel.stun;
