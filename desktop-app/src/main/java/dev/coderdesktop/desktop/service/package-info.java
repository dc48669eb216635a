// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The app's end of the service's Unix socket: {@link
 * dev.coderdesktop.desktop.service.ServiceConnection} keeps one connection (retrying while the
 * service is away) and reports status on its socket thread through {@link
 * dev.coderdesktop.desktop.service.ServiceListener}; {@link
 * dev.coderdesktop.desktop.service.ServiceCommands} sends Start and Stop and blocks for the reply,
 * so it is called from worker threads.
 */
package dev.coderdesktop.desktop.service;
