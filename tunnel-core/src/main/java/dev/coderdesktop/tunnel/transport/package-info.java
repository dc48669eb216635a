// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Byte streams over HTTP that both the tailnet control plane and DERP ride on: the head of an
 * HTTP/1.1 upgrade ({@link dev.coderdesktop.tunnel.transport.HttpUpgrade}) and a websocket seen as
 * a pair of blocking streams ({@link dev.coderdesktop.tunnel.transport.WebSocketStream}), and the
 * base of every stream that reads frames or chunks ({@link
 * dev.coderdesktop.tunnel.transport.BulkInputStream}). Nothing here knows a protocol above the
 * stream. Values are immutable; a stream is used by one reader and one writer thread.
 */
package dev.coderdesktop.tunnel.transport;
