// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** The server side of the tailnet API: coordinator, workspace feed and the websocket endpoints. */
package dev.coderdesktop.testbed.tailnet;
