// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.derp;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.derp.DerpListener;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What a DERP client tells its listener, in queues a test polls with a timeout: packets as {@code
 * SENDER-KEY-BASE64:TEXT}, the relay's key at each login, disconnects, departed peers and the
 * reasons for falling back to a websocket. Thread-safe.
 */
public final class DerpInbox implements DerpListener {

  /** Each packet received, as the sender's key in base64, a colon and the payload as UTF-8. */
  public final BlockingQueue<String> packets = new LinkedBlockingQueue<>();

  /** The relay's key, once per login. */
  public final BlockingQueue<Key> logins = new LinkedBlockingQueue<>();

  /** The reason of each disconnect. */
  public final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

  /** Each peer the relay said is gone. */
  public final BlockingQueue<Key> gone = new LinkedBlockingQueue<>();

  /** Why the client moved to a websocket, each time it did. */
  public final BlockingQueue<String> forcedWebsocket = new LinkedBlockingQueue<>();

  private volatile boolean connected;

  /** Whether the client has logged in at least once. */
  public boolean connected() {
    return connected;
  }

  @Override
  public void onPacket(Key source, byte[] packet) {
    packets.add(source.toBase64() + ":" + new String(packet, StandardCharsets.UTF_8));
  }

  @Override
  public void onConnected(Key serverKey) {
    connected = true;
    logins.add(serverKey);
  }

  @Override
  public void onDisconnected(String reason) {
    disconnects.add(reason);
  }

  @Override
  public void onPeerGone(Key peer, int reason) {
    gone.add(peer);
  }

  @Override
  public void onForcedWebsocket(String reason) {
    forcedWebsocket.add(reason);
  }
}
