// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Linux system calls through the JDK's foreign function API: the libc calls the TUN device and the
 * batched UDP socket ({@code recvmmsg}/{@code sendmmsg}) need. Internal to the engine; stateless
 * calls, and a socket whose threading contract its Javadoc states.
 */
package dev.coderdesktop.tunnel.linux;
