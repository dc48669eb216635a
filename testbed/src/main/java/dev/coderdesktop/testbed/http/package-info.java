// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** A minimal HTTP/1.1 server with websocket upgrades for the testbed. */
package dev.coderdesktop.testbed.http;
