// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Coder's tailnet control plane, client side: {@link
 * dev.coderdesktop.tunnel.control.TailnetWebSocketDialer} dials the tailnet API and {@link
 * dev.coderdesktop.tunnel.control.TailnetControlClient} runs Coordinate, WorkspaceUpdates,
 * StreamDERPMaps and RefreshResumeToken over yamux and dRPC, redialling with backoff; plus tailnet
 * addressing, agent hostnames and the workspace state. The client is thread-safe and reports to its
 * listener on its own reader threads.
 */
package dev.coderdesktop.tunnel.control;
