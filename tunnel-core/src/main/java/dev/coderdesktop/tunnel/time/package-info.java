// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** Injected time: monotonic and wall clocks and re-armable timers. */
package dev.coderdesktop.tunnel.time;
