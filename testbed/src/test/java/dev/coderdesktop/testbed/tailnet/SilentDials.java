// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import static dev.coderdesktop.tunnel.time.Await.await;

import dev.coderdesktop.tunnel.control.RecordingListener;
import dev.coderdesktop.tunnel.control.TailnetControlClient;
import dev.coderdesktop.tunnel.time.VirtualClock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client on virtual time whose every dial reaches a new {@link SilentPeer}, recorded in {@code
 * peers}; started, and connected to its first peer.
 */
final class SilentDials implements AutoCloseable {

  static final UUID OWNER = UUID.fromString("11111111-1111-4111-8111-111111111111");

  final VirtualClock clock = new VirtualClock();
  final List<SilentPeer> peers = new CopyOnWriteArrayList<>();
  final RecordingListener events = new RecordingListener();
  final TailnetControlClient client =
      new TailnetControlClient(
          token -> {
            SilentPeer p = new SilentPeer();
            peers.add(p);
            return p.connection();
          },
          OWNER,
          clock,
          events);

  SilentDials() {
    client.start();
    await("the first dial", client::isConnected);
  }

  @Override
  public void close() {
    client.close();
  }
}
