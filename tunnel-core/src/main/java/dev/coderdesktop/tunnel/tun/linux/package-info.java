// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The Linux TUN device, through the JDK's foreign function API, with TCP/UDP segmentation offloads
 * where the kernel grants them.
 */
package dev.coderdesktop.tunnel.tun.linux;
