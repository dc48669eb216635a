// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.stun;

import dev.coderdesktop.tunnel.stun.BindingRequest;
import dev.coderdesktop.tunnel.stun.BindingResponse;
import dev.coderdesktop.tunnel.stun.StunFormatException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * A STUN server on one UDP socket, answering as the tailnet's STUN server does: a binding request
 * with SOFTWARE {@code tailnode} and a valid FINGERPRINT gets a success response whose
 * XOR-MAPPED-ADDRESS is the address and port the request came from; anything else is dropped and
 * counted. It keeps no state between packets.
 *
 * <p>Thread-safe; one platform thread reads until {@link #close}.
 */
public final class StunServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(StunServer.class.getName());
  private static final int MAX_PACKET = 1500;

  private final DatagramChannel channel;
  private final InetSocketAddress local;
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  private StunServer(DatagramChannel channel) throws IOException {
    this.channel = channel;
    this.local = (InetSocketAddress) channel.getLocalAddress();
  }

  /** Binds {@code address} (port 0 for any free port) and starts answering. */
  public static StunServer start(InetSocketAddress address) throws IOException {
    DatagramChannel ch = DatagramChannel.open();
    try {
      ch.bind(address);
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    StunServer s = new StunServer(ch);
    Thread.ofPlatform().name("stun-server-" + s.local.getPort()).daemon().start(s::serve);
    return s;
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return local;
  }

  /** Binding requests answered so far. */
  public long answered() {
    return answered.get();
  }

  /** Packets dropped so far (not STUN, not a binding request, or not in the tailnet's form). */
  public long dropped() {
    return dropped.get();
  }

  private void serve() {
    ByteBuffer in = ByteBuffer.allocate(MAX_PACKET);
    while (channel.isOpen()) {
      try {
        in.clear();
        SocketAddress from = channel.receive(in);
        in.flip();
        byte[] packet = new byte[in.remaining()];
        in.get(packet);
        answer(packet, (InetSocketAddress) from);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.fine("stun: " + e.getMessage());
      }
    }
  }

  private void answer(byte[] packet, InetSocketAddress from) throws IOException {
    BindingRequest request;
    try {
      request = BindingRequest.parse(packet);
    } catch (StunFormatException e) {
      dropped.incrementAndGet();
      return;
    }
    if (!request.fromTailnode()) {
      dropped.incrementAndGet();
      return;
    }
    byte[] response = new BindingResponse(request.txId(), from).encode();
    channel.send(ByteBuffer.wrap(response), from);
    answered.incrementAndGet();
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a datagram channel does not fail in a way we could act on.
    }
  }
}
