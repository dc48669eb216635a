// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** The testbed's workspace agent, run inside a network namespace. */
package dev.coderdesktop.testbed.agent;
