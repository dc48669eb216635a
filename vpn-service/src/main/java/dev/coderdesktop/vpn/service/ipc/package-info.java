// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The service's local socket: who may connect ({@link
 * dev.coderdesktop.vpn.service.ipc.AccessPolicy}, peer credentials), how many at once and on which
 * threads ({@link dev.coderdesktop.vpn.service.ipc.LocalSocketServer}, one virtual thread per
 * connection), and what each client is sent ({@link dev.coderdesktop.vpn.service.ipc.Outbox}, a
 * bounded queue with a writer of its own). Classes state their own thread-safety.
 */
package dev.coderdesktop.vpn.service.ipc;
