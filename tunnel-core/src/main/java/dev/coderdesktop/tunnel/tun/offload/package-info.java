// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * TUN offloads: the virtio-net header a TUN device opened with {@code IFF_VNET_HDR} puts before
 * each packet, splitting the kernel's large TCP and UDP segments (GSO) into packets before they are
 * encrypted, and coalescing decrypted TCP segments of one flow into one large segment (GRO) before
 * they are written. Internet checksums live here too. Pure functions over byte arrays: no I/O, no
 * shared state; callers own the buffers.
 */
package dev.coderdesktop.tunnel.tun.offload;
