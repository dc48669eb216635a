// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** yamux stream multiplexing, as Coder's tailnet control connection uses it. */
package dev.coderdesktop.tunnel.control.yamux;
