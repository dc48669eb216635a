// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.bind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * An in-memory datagram network for tests: binds created from one {@link Network} reach each other
 * by {@link Address}. A drop filter on the network can lose chosen datagrams. Thread-safe.
 */
public final class ChannelBind implements Bind {

  /** An endpoint on a {@link Network}. */
  public record Address(int id) implements Endpoint {
    @Override
    public byte[] addressBytes() {
      return new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }
  }

  /** A datagram in flight, as the drop filter sees it. */
  public record Datagram(Address from, Address to, byte[] bytes) {}

  /** The shared medium. */
  public static final class Network {
    private final Map<Address, ChannelBind> binds = new ConcurrentHashMap<>();
    private volatile Predicate<Datagram> drop = d -> false;
    private int next = 1;

    /** A new bind with a fresh address on this network. */
    public synchronized ChannelBind newBind() {
      ChannelBind b = new ChannelBind(this, new Address(next++));
      binds.put(b.address, b);
      return b;
    }

    /**
     * Whether every delivered datagram has been fully handled: its receiver has come back for the
     * next one. Lets virtual-time tests wait for quiet before moving the clock.
     */
    public boolean idle() {
      for (ChannelBind b : binds.values()) {
        if (b.unprocessed.get() != 0) {
          return false;
        }
      }
      return true;
    }

    /** Datagrams matching {@code filter} are silently lost. */
    public void setDrop(Predicate<Datagram> filter) {
      drop = filter;
    }
  }

  private record Incoming(Address from, byte[] bytes) {}

  private static final Incoming POISON = new Incoming(null, null);

  private final Network network;
  private final Address address;
  private final BlockingQueue<Incoming> inbox = new LinkedBlockingQueue<>();
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicInteger unprocessed =
      new java.util.concurrent.atomic.AtomicInteger();
  // Only the receiving thread touches this.
  private boolean holding;

  private ChannelBind(Network network, Address address) {
    this.network = network;
    this.address = address;
  }

  /** This bind's address on the network. */
  public Address address() {
    return address;
  }

  /** Delivers raw bytes to this bind as if sent from {@code from}. */
  public void deliver(Address from, byte[] bytes) {
    unprocessed.incrementAndGet();
    inbox.add(new Incoming(from, bytes.clone()));
  }

  @Override
  public List<Source> sources() {
    return List.of(
        (bufs, sizes, from) -> {
          ByteBuffer b = ByteBuffer.wrap(bufs[0]);
          from[0] = receive(b);
          sizes[0] = b.position();
          return 1;
        });
  }

  private Endpoint receive(ByteBuffer dst) throws IOException {
    if (holding) {
      holding = false;
      unprocessed.decrementAndGet();
    }
    Incoming in;
    try {
      in = inbox.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClosedChannelException();
    }
    if (in == POISON || closed) {
      throw new ClosedChannelException();
    }
    holding = true;
    dst.put(in.bytes());
    return in.from();
  }

  @Override
  public void send(ByteBuffer src, Endpoint to) throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    byte[] b = new byte[src.remaining()];
    src.get(b);
    ChannelBind target = network.binds.get((Address) to);
    if (target == null || network.drop.test(new Datagram(address, (Address) to, b))) {
      return;
    }
    target.deliver(address, b);
  }

  @Override
  public int localPort() {
    return 0;
  }

  @Override
  public void close() {
    closed = true;
    network.binds.remove(address);
    inbox.add(POISON);
  }
}
