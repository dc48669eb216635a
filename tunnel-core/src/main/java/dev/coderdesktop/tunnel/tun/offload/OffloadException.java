// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun.offload;

/** A packet and its virtio-net header that cannot be split as asked: the packet is dropped. */
public final class OffloadException extends Exception {

  private static final long serialVersionUID = 1L;

  /** With what was wrong. */
  public OffloadException(String message) {
    super(message);
  }
}
