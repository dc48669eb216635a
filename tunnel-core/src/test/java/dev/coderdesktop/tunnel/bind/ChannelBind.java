// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.bind;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * An in-memory datagram network for tests: each {@link Port} is a {@link Bind} with a loopback
 * {@link UdpEndpoint} address, and datagrams sent to a port's address land in its queue. A drop
 * filter, settable at any time, discards chosen datagrams; sends to unknown addresses vanish, as
 * UDP would.
 *
 * <p>Thread-safe.
 */
public final class ChannelBind {

  /** A datagram in flight, given to the drop filter. */
  public record Datagram(Endpoint from, Endpoint to, byte[] payload) {}

  private final Map<Endpoint, Port> ports = new ConcurrentHashMap<>();
  private volatile Predicate<Datagram> drop = d -> false;
  private int nextPort = 51820;

  /** Creates a bind on the next free loopback port. */
  public synchronized Port newBind() {
    int p = nextPort++;
    UdpEndpoint address =
        new UdpEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
    Port port = new Port(address);
    ports.put(address, port);
    return port;
  }

  /** Sets the filter; datagrams for which it returns true are discarded. */
  public void setDrop(Predicate<Datagram> filter) {
    drop = filter;
  }

  /** One endpoint on the in-memory network. */
  public final class Port implements Bind {
    private static final Datagram CLOSED = new Datagram(null, null, new byte[0]);

    private final UdpEndpoint address;
    private final BlockingQueue<Datagram> inbox = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    private Port(UdpEndpoint address) {
      this.address = address;
    }

    /** This bind's address, as peers see it. */
    public UdpEndpoint address() {
      return address;
    }

    /** Delivers {@code payload} to this bind as if sent from {@code from}, bypassing the filter. */
    public void inject(byte[] payload, Endpoint from) {
      inbox.add(new Datagram(from, address, payload.clone()));
    }

    /** Sends a raw datagram from this bind; for tests that forge packets. */
    public void sendRaw(byte[] payload, Endpoint to) throws ClosedChannelException {
      send(ByteBuffer.wrap(payload), to);
    }

    @Override
    public Endpoint receive(ByteBuffer dst) throws ClosedChannelException {
      if (closed) {
        throw new ClosedChannelException();
      }
      Datagram d;
      try {
        d = inbox.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClosedChannelException();
      }
      if (d == CLOSED || closed) {
        inbox.add(CLOSED);
        throw new ClosedChannelException();
      }
      dst.put(d.payload());
      return d.from();
    }

    @Override
    public void send(ByteBuffer src, Endpoint to) throws ClosedChannelException {
      if (closed) {
        throw new ClosedChannelException();
      }
      byte[] payload = new byte[src.remaining()];
      src.get(payload);
      Datagram d = new Datagram(address, to, payload);
      Port target = ports.get(to);
      if (target == null || target.closed || drop.test(d)) {
        return;
      }
      target.inbox.add(d);
    }

    @Override
    public int localPort() {
      return address.address().getPort();
    }

    @Override
    public void close() {
      closed = true;
      ports.remove(address);
      inbox.add(CLOSED);
    }
  }
}
