// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** The testbed's REST API and its DERP relay endpoint. */
package dev.coderdesktop.testbed.api;
