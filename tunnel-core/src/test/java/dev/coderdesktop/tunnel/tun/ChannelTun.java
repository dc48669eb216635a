// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory TUN device for tests. {@link #inject} queues a packet the engine will {@link #read}
 * as if the operating system sent it; packets the engine {@link #write}s are queued for {@link
 * #take}.
 *
 * <p>Thread-safe. {@link #close()} wakes a blocked {@link #read}, which then throws {@link
 * ClosedChannelException}.
 */
public final class ChannelTun implements TunDevice {

  private static final byte[] CLOSED = new byte[0];

  private final String name;
  private final int mtu;
  private final BlockingQueue<byte[]> toEngine = new LinkedBlockingQueue<>();
  private final BlockingQueue<byte[]> fromEngine = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  /** A device named {@code name} with MTU 1420. */
  public ChannelTun(String name) {
    this(name, 1420);
  }

  /** A device named {@code name} with the given MTU. */
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

  /** Queues {@code packet} (copied) for the engine to read. */
  public void inject(byte[] packet) {
    toEngine.add(packet.clone());
  }

  /** The next packet the engine wrote, or {@code null} if none arrives within {@code timeout}. */
  public byte[] take(Duration timeout) throws InterruptedException {
    return fromEngine.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The next packet the engine wrote, or {@code null} at once if there is none. */
  public byte[] poll() {
    return fromEngine.poll();
  }

  /** Packets injected but not yet read by the engine. */
  public int pendingInjected() {
    return toEngine.size();
  }

  @Override
  public int read(ByteBuffer dst) throws ClosedChannelException {
    if (closed) {
      throw new ClosedChannelException();
    }
    byte[] p;
    try {
      p = toEngine.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClosedChannelException();
    }
    if (p == CLOSED || closed) {
      toEngine.add(CLOSED);
      throw new ClosedChannelException();
    }
    dst.put(p);
    return p.length;
  }

  @Override
  public void write(ByteBuffer src) throws ClosedChannelException {
    if (closed) {
      throw new ClosedChannelException();
    }
    byte[] p = new byte[src.remaining()];
    src.get(p);
    fromEngine.add(p);
  }

  @Override
  public void close() {
    closed = true;
    toEngine.add(CLOSED);
  }
}
