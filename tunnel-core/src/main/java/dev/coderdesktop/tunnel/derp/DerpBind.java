// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import dev.coderdesktop.tunnel.bind.Bind;
import dev.coderdesktop.tunnel.bind.Endpoint;
import dev.coderdesktop.tunnel.bind.ReceiveQueue;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.transport.NetPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * WireGuard over a DERP relay: packets to a {@link DerpEndpoint} go out as SendPacket frames to
 * that node key, and relayed packets come out of {@link #receive}. Disco messages (which start with
 * the disco magic) are handed to a separate handler instead of WireGuard.
 *
 * <p>Thread-safe: one thread receives while others send. A full receive queue drops packets, as a
 * congested link would.
 */
public final class DerpBind implements Bind, DerpListener {

  /** The 6-byte prefix of disco messages: "TS" and the speech-balloon emoji. */
  public static final byte[] DISCO_MAGIC = "TS💬".getBytes(StandardCharsets.UTF_8);

  private static final int QUEUE = 1024;

  private final DerpClient client;
  private final ReceiveQueue queue = new ReceiveQueue(QUEUE);
  private final AtomicLong dropped = new AtomicLong();
  private volatile BiConsumer<Key, byte[]> discoHandler = (k, b) -> {};
  private volatile Consumer<String> forcedWebsocketHandler = reason -> {};
  private volatile boolean closed;

  /** Connects to the relay at {@code url} as {@code privateKey}'s node. */
  public DerpBind(URI url, Key privateKey, Map<String, String> headers, Clock clock) {
    this(url, privateKey, headers, false, clock);
  }

  /** As above; {@code websocket} carries DERP in a websocket (see {@link DerpClient}). */
  public DerpBind(
      URI url, Key privateKey, Map<String, String> headers, boolean websocket, Clock clock) {
    this(url, privateKey, headers, websocket, NetPolicy.system(), clock);
  }

  /** As above, dialling (trust, proxy, User-Agent) as {@code policy} says. */
  public DerpBind(
      URI url,
      Key privateKey,
      Map<String, String> headers,
      boolean websocket,
      NetPolicy policy,
      Clock clock) {
    this.client = new DerpClient(url, privateKey, headers, websocket, policy, clock, this);
    client.start();
  }

  /** The underlying relay client (for pings, NotePreferred and status). */
  public DerpClient client() {
    return client;
  }

  /** Receives disco messages (source node key, whole message) instead of WireGuard. */
  public void setDiscoHandler(BiConsumer<Key, byte[]> handler) {
    discoHandler = handler;
  }

  /** Told when the relay refused the HTTP upgrade and the client switched to a websocket. */
  public void setForcedWebsocketHandler(Consumer<String> handler) {
    forcedWebsocketHandler = handler;
  }

  @Override
  public void onForcedWebsocket(String reason) {
    forcedWebsocketHandler.accept(reason);
  }

  /** Whether a relayed payload is a disco message rather than WireGuard. */
  public static boolean isDisco(byte[] packet) {
    return packet.length >= DISCO_MAGIC.length
        && Arrays.equals(packet, 0, DISCO_MAGIC.length, DISCO_MAGIC, 0, DISCO_MAGIC.length);
  }

  /** Packets dropped because the receive queue was full. */
  public long droppedPackets() {
    return dropped.get();
  }

  @Override
  public void onPacket(Key source, byte[] packet) {
    if (isDisco(packet)) {
      discoHandler.accept(source, packet);
      return;
    }
    if (!queue.offer(new DerpEndpoint(source), packet)) {
      dropped.incrementAndGet();
    }
  }

  @Override
  public Endpoint receive(ByteBuffer dst) throws IOException {
    return queue.take(dst);
  }

  @Override
  public void send(ByteBuffer src, Endpoint to) throws IOException {
    if (!(to instanceof DerpEndpoint derp)) {
      throw new IOException("the DERP transport cannot send to " + to);
    }
    if (closed) {
      throw new ClosedChannelException();
    }
    byte[] b = new byte[src.remaining()];
    src.get(b);
    client.send(derp.nodeKey(), b, 0, b.length);
  }

  @Override
  public int localPort() {
    return 0;
  }

  @Override
  public void close() {
    closed = true;
    client.close();
    queue.close();
  }
}
