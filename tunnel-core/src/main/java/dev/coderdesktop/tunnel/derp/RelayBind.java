// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import dev.coderdesktop.tunnel.bind.Bind;
import dev.coderdesktop.tunnel.bind.Endpoint;
import dev.coderdesktop.tunnel.crypto.Key;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What every WireGuard transport over DERP does alike, whether it holds one relay or several:
 * relayed packets are sorted (disco messages to their handler, WireGuard into the receive queue),
 * and a send goes to the node key of a {@link DerpEndpoint}. A subclass says how a packet reaches
 * the relay that serves that key.
 *
 * <p>Thread-safe: relays' reader threads deliver, one thread receives, others send. A full receive
 * queue drops packets, as a congested link would.
 */
abstract sealed class RelayBind implements Bind permits DerpBind, DerpRelays {

  private static final int QUEUE = 1024;

  private final ReceiveQueue queue = new ReceiveQueue(QUEUE);
  private volatile BiConsumer<Key, byte[]> discoHandler = (k, b) -> {};
  private volatile boolean closed;

  /** Receives disco messages (source node key, whole message) instead of WireGuard. */
  public void setDiscoHandler(BiConsumer<Key, byte[]> handler) {
    discoHandler = handler;
  }

  /** Packets dropped because the receive queue was full. */
  public long droppedPackets() {
    return queue.dropped();
  }

  /** A packet a relay handed over from {@code source}. */
  final void deliver(Key source, byte[] packet) {
    if (DerpBind.isDisco(packet)) {
      discoHandler.accept(source, packet);
      return;
    }
    queue.offer(new DerpEndpoint(source), packet);
  }

  /** Relays {@code len} bytes of {@code packet} at {@code off} to the node {@code peer}. */
  abstract void relay(Key peer, byte[] packet, int off, int len);

  final boolean isClosed() {
    return closed;
  }

  /** Refuses further sends; the first step of a subclass's close, before its relays close. */
  final void markClosed() {
    closed = true;
  }

  /** Drops what is queued and wakes the receiver; the last step of a subclass's close. */
  final void closeQueue() {
    queue.close();
  }

  /** The relays' packets, as one source. */
  @Override
  public final List<Source> sources() {
    return List.of(queue::takeBatch);
  }

  @Override
  public final void send(ByteBuffer src, Endpoint to) throws IOException {
    if (!(to instanceof DerpEndpoint derp)) {
      throw new IOException("the DERP transport cannot send to " + to);
    }
    if (closed) {
      throw new ClosedChannelException();
    }
    byte[] b = new byte[src.remaining()];
    src.get(b);
    relay(derp.nodeKey(), b, 0, b.length);
  }

  @Override
  public final int localPort() {
    return 0;
  }
}
