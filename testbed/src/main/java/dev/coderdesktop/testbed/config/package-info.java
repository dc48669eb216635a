// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** The testbed config file format. */
package dev.coderdesktop.testbed.config;
