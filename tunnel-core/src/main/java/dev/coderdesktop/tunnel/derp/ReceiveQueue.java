// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import dev.coderdesktop.tunnel.bind.Bind;
import dev.coderdesktop.tunnel.bind.Endpoint;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-off between the relays' reader threads and WireGuard's receive thread for the relay:
 * datagrams with where they came from, taken by {@link #takeBatch}. {@link #close()} wakes a
 * waiting receiver, which then sees {@link ClosedChannelException}. A datagram that finds the queue
 * full is dropped, as a congested link would, and counted. Thread-safe.
 */
final class ReceiveQueue {

  private record Incoming(Endpoint from, byte[] bytes) {}

  private static final Incoming POISON = new Incoming(null, null);

  private final BlockingQueue<Incoming> queue;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  /** Holds at most {@code capacity} datagrams. */
  ReceiveQueue(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Adds a datagram unless the queue is full or closed, when it counts it dropped instead. */
  void offer(Endpoint from, byte[] bytes) {
    if (closed || !queue.offer(new Incoming(from, bytes))) {
      dropped.incrementAndGet();
    }
  }

  /** Datagrams {@link #offer} dropped (the queue was full or closed). */
  long dropped() {
    return dropped.get();
  }

  /**
   * As {@link Bind.Source#receive}: waits for one datagram, then takes those already queued, each
   * that fits its buffer (a larger one is dropped).
   */
  int takeBatch(byte[][] bufs, int[] sizes, Endpoint[] from) throws ClosedChannelException {
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
  void close() {
    closed = true;
    queue.clear();
    queue.offer(POISON);
  }
}
