// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import dev.coderdesktop.tunnel.crypto.Key;

/** Told when a handshake with a peer completes. Called on a device thread; must not block. */
@FunctionalInterface
public interface HandshakeListener {

  /** A session with {@code peer} was established at clock time {@code nanos}. */
  void handshakeCompleted(Key peer, long nanos);
}
