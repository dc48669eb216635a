// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Sleep and wake as the system reports them: {@link
 * dev.coderdesktop.vpn.service.power.LogindSleepWatch} follows logind's PrepareForSleep signal on
 * the system D-Bus and tells the service when the machine resumed, so that it re-binds the session
 * along the same path as a client's Wake (the engine's clock-jump detector covers machines without
 * logind). Classes state their own thread-safety.
 */
package dev.coderdesktop.vpn.service.power;
