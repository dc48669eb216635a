// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The testbed's STUN server, which clients and agents ask for the address their UDP socket is seen
 * from (listed in the DERP map as a STUN-only region, as coderd lists its STUN addresses). One
 * reader thread per server.
 */
package dev.coderdesktop.testbed.stun;
