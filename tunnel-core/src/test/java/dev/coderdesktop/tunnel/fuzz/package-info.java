// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** Seeded mutation fuzzing of the engine's parsers (control messages, HTTP upgrade, yamux). */
package dev.coderdesktop.tunnel.fuzz;
