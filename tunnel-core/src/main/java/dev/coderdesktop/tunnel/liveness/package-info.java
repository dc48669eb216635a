// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Keeping long-lived connections honest: a {@link dev.coderdesktop.tunnel.liveness.Watchdog} that
 * probes a quiet connection and declares it dead, a {@link
 * dev.coderdesktop.tunnel.liveness.Backoff} for redials that forgets past failures only once a
 * connection has stayed healthy, and a {@link dev.coderdesktop.tunnel.liveness.SleepDetector} that
 * notices the machine (or the process) lost time. Everything runs on the injected clock; each class
 * documents its own thread-safety.
 */
package dev.coderdesktop.tunnel.liveness;
