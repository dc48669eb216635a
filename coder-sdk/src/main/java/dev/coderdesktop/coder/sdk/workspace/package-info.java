// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * A workspace's own actions through the Coder REST API: start and stop builds and following them to
 * the end, the agent's listening ports (filtered as Coder's dashboard filters them), and the
 * agent's apps with the URLs the dashboard opens, plus the built-in VS Code Desktop and terminal
 * entries. Values are immutable; calls block on the network, so make them off UI threads.
 */
package dev.coderdesktop.coder.sdk.workspace;
