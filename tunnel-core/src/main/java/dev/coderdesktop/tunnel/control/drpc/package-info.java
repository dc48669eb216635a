// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** dRPC framing and calls, one call per yamux stream, as Coder's tailnet API uses them. */
package dev.coderdesktop.tunnel.control.drpc;
