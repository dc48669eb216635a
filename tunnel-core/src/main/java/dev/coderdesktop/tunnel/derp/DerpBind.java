// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.transport.NetPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

/**
 * WireGuard over a DERP relay: packets to a {@link DerpEndpoint} go out as SendPacket frames to
 * that node key, and relayed packets come out of {@link #receive}. Disco messages (which start with
 * the disco magic) are handed to a separate handler instead of WireGuard.
 *
 * <p>Thread-safe: one thread receives while others send. A full receive queue drops packets, as a
 * congested link would.
 */
public final class DerpBind extends RelayBind implements DerpListener {

  /** The 6-byte prefix of disco messages: "TS" and the speech-balloon emoji. */
  public static final byte[] DISCO_MAGIC = "TS💬".getBytes(StandardCharsets.UTF_8);

  private final DerpClient client;
  private volatile Consumer<String> forcedWebsocketHandler = reason -> {};

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

  @Override
  public void onPacket(Key source, byte[] packet) {
    deliver(source, packet);
  }

  @Override
  void relay(Key peer, byte[] packet, int off, int len) {
    client.send(peer, packet, off, len);
  }

  @Override
  public void close() {
    markClosed();
    client.close();
    closeQueue();
  }
}
