// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** A local Coder-compatible deployment for tests and the demo. */
package dev.coderdesktop.testbed;
