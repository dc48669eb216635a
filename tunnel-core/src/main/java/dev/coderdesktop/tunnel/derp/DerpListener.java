// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import dev.coderdesktop.tunnel.crypto.Key;

/** Events from a {@link DerpClient}, delivered on its reader thread. Must not block. */
public interface DerpListener {

  /** A packet relayed from {@code source}. The array belongs to the listener. */
  void onPacket(Key source, byte[] packet);

  /** The server says {@code peer} is gone (reason 0: disconnected, 1: not here). */
  default void onPeerGone(Key peer, int reason) {}

  /** The client is logged in to the server with key {@code serverKey}. */
  default void onConnected(Key serverKey) {}

  /** The connection dropped; the client reconnects by itself unless closed. */
  default void onDisconnected(String reason) {}

  /**
   * The relay refused the HTTP upgrade with a 4xx, so the client uses a websocket from now on
   * ({@code reason} says why, for the node's {@code derp_forced_websocket}).
   */
  default void onForcedWebsocket(String reason) {}

  /** The server reports a problem (empty: healthy again). */
  default void onHealth(String problem) {}
}
