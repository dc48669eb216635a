// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import dev.coderdesktop.tunnel.disco.DiscoPacket;
import dev.coderdesktop.tunnel.stun.StunHeader;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

/**
 * Tells the datagrams of the shared UDP socket apart by their first bytes, in the order the
 * tailnet's clients check them: STUN (top two bits zero and the magic cookie at bytes 4..8), then
 * disco (the "TS💬" magic), and everything else is WireGuard (whose messages start with a type byte
 * 1-4 and three zeros). Stateless; runs on the reader threads.
 *
 * @param stun gets STUN responses
 * @param disco gets disco packets
 * @param wireGuard gets the rest
 */
public record Demux(
    BiConsumer<InetSocketAddress, byte[]> stun,
    BiConsumer<InetSocketAddress, byte[]> disco,
    BiConsumer<InetSocketAddress, byte[]> wireGuard)
    implements Datagrams.Receiver {

  @Override
  public void onDatagram(InetSocketAddress from, byte[] data) {
    if (StunHeader.isStun(data)) {
      stun.accept(from, data);
    } else if (DiscoPacket.looksLikeDisco(data)) {
      disco.accept(from, data);
    } else {
      wireGuard.accept(from, data);
    }
  }
}
