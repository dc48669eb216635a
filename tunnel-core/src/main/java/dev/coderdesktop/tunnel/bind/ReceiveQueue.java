// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.bind;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-off between a transport's reader threads and WireGuard's receive loop: datagrams with
 * where they came from, taken by {@link Bind#receive}. {@link #close()} wakes a waiting receiver,
 * which then sees {@link ClosedChannelException}. A datagram that finds the queue full is dropped,
 * as a congested link would, and counted. Thread-safe.
 */
public final class ReceiveQueue {

  private record Incoming(Endpoint from, byte[] bytes) {}

  private static final Incoming POISON = new Incoming(null, null);

  private final BlockingQueue<Incoming> queue;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  /** Holds at most {@code capacity} datagrams. */
  public ReceiveQueue(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Adds a datagram unless the queue is full or closed, when it counts it dropped instead. */
  public void offer(Endpoint from, byte[] bytes) {
    if (closed || !queue.offer(new Incoming(from, bytes))) {
      dropped.incrementAndGet();
    }
  }

  /** Datagrams {@link #offer} dropped (the queue was full or closed). */
  public long dropped() {
    return dropped.get();
  }

  /** Adds a datagram, waiting for room. */
  public void put(Endpoint from, byte[] bytes) throws InterruptedException {
    if (!closed) {
      queue.put(new Incoming(from, bytes));
    }
  }

  /** Takes the next datagram into {@code dst} and returns its source, as {@link Bind#receive}. */
  public Endpoint take(ByteBuffer dst) throws ClosedChannelException {
    Incoming in;
    try {
      in = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClosedChannelException();
    }
    if (in == POISON || closed) {
      queue.offer(POISON); // for any other waiting receiver
      throw new ClosedChannelException();
    }
    dst.put(in.bytes());
    return in.from();
  }

  /**
   * As {@link Bind#receiveBatch}: waits for one datagram, then takes those already queued, each
   * that fits its buffer (a larger one is dropped).
   */
  public int takeBatch(byte[][] bufs, int[] sizes, Endpoint[] from) throws ClosedChannelException {
    int n = 0;
    Incoming in = null;
    while (n < bufs.length) {
      if (n == 0) {
        try {
          in = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ClosedChannelException();
        }
      } else if ((in = queue.poll()) == null) {
        break;
      }
      if (in == POISON || closed) {
        queue.offer(POISON); // for any other waiting receiver
        if (n > 0) {
          break;
        }
        throw new ClosedChannelException();
      }
      if (in.bytes().length <= bufs[n].length) {
        System.arraycopy(in.bytes(), 0, bufs[n], 0, in.bytes().length);
        sizes[n] = in.bytes().length;
        from[n] = in.from();
        n++;
      }
    }
    return n;
  }

  /** Drops what is queued and wakes the receiver. */
  public void close() {
    closed = true;
    queue.clear();
    queue.offer(POISON);
  }
}
