// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** Per-source token buckets that bound handshake processing under load. */
package dev.coderdesktop.tunnel.wireguard.ratelimiter;
