// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** A DERP relay server for tests and the local testbed. */
package dev.coderdesktop.testbed.derp;
