// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import dev.coderdesktop.vpn.proto.Codec;
import dev.coderdesktop.vpn.proto.Handshake;
import dev.coderdesktop.vpn.proto.ProtocolVersion;
import dev.coderdesktop.vpn.proto.Speaker;
import dev.coderdesktop.vpn.proto.wire.ClientMessage;
import dev.coderdesktop.vpn.proto.wire.ServiceMessage;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A well-behaved client of the service's socket, as the app is: the version handshake, then a
 * running {@link Speaker} whose unsolicited messages (status broadcasts) collect in {@code pushed}.
 */
record TestClient(
    Speaker<ClientMessage, ServiceMessage> speaker,
    BlockingQueue<ServiceMessage> pushed,
    SocketChannel ch)
    implements AutoCloseable {

  /** Handshakes over {@code ch}, connected to the service, and starts the speaker. */
  static TestClient over(SocketChannel ch) throws IOException {
    var in = LocalSocketServer.in(ch);
    var out = LocalSocketServer.out(ch);
    Handshake.perform(
        in, out, Handshake.Role.CLIENT, Handshake.Role.SERVICE, List.of(ProtocolVersion.CURRENT));
    BlockingQueue<ServiceMessage> pushed = new LinkedBlockingQueue<>();
    Speaker<ClientMessage, ServiceMessage> s =
        new Speaker<>(in, out, Codec.CLIENT, pushed::add, e -> {});
    s.start();
    return new TestClient(s, pushed, ch);
  }

  @Override
  public void close() throws IOException {
    speaker.close();
    ch.close();
  }
}
