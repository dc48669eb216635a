// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** The testbed deployment's live state: users, tokens, workspaces and agents. */
package dev.coderdesktop.testbed.deployment;
