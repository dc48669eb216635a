// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** The Coder Connect engine. */
package dev.coderdesktop.tunnel;
