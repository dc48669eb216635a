// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory TUN device for tests: {@link #inject} plays the operating system sending a packet
 * into the tunnel; {@link #take} receives what the tunnel delivered. Thread-safe.
 */
public final class ChannelTun implements TunDevice {

  private static final byte[] POISON = new byte[0];

  private final String name;
  private final int mtu;
  private final BlockingQueue<byte[]> outbound = new LinkedBlockingQueue<>();
  private final BlockingQueue<byte[]> delivered = new LinkedBlockingQueue<>();
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicInteger unprocessed =
      new java.util.concurrent.atomic.AtomicInteger();
  // Only the reading thread touches this.
  private boolean holding;

  /** Creates a device with the given name and MTU. */
  public ChannelTun(String name, int mtu) {
    this.name = name;
    this.mtu = mtu;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int mtu() {
    return mtu;
  }

  /** Queues a packet as if an application had sent it through the interface. */
  public void inject(byte[] packet) {
    unprocessed.incrementAndGet();
    outbound.add(packet.clone());
  }

  /** Whether every injected packet has been fully handled by the reader. */
  public boolean idle() {
    return unprocessed.get() == 0;
  }

  /** The next packet the tunnel delivered, or null after {@code timeout}. */
  public byte[] take(Duration timeout) throws InterruptedException {
    return delivered.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    if (holding) {
      holding = false;
      unprocessed.decrementAndGet();
    }
    byte[] p;
    try {
      p = outbound.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClosedChannelException();
    }
    if (p == POISON || closed) {
      throw new ClosedChannelException();
    }
    holding = true;
    dst.put(p);
    return p.length;
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    byte[] p = new byte[src.remaining()];
    src.get(p);
    delivered.add(p);
  }

  @Override
  public void close() {
    closed = true;
    outbound.add(POISON);
  }
}
