// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** The codervpn handshake, framing and the Speaker that owns request/reply correlation. */
package dev.coderdesktop.vpn.proto;
