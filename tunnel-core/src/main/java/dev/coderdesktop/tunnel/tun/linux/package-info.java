// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** The Linux TUN device, through the JDK's foreign function API. */
package dev.coderdesktop.tunnel.tun.linux;
