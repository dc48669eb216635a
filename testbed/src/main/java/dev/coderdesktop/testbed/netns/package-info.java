// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** Network namespaces, sshd and agent processes for the testbed (Linux, root). */
package dev.coderdesktop.testbed.netns;
