// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** A standalone WireGuard interface for interoperability tests and benchmarks. */
package dev.coderdesktop.testbed.standalone;
