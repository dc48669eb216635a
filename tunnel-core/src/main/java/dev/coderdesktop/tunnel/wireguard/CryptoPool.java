// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Spreads the encryption or decryption of one batch of packets over the calling thread and helper
 * threads, one per further core. The caller numbers the packets and assigns their counters first
 * and sends or delivers them in that order after {@link #run} returns, so each peer's packets keep
 * their order while the cipher work runs on every core (wireguard-go does the same with its
 * per-peer queues). Small batches run on the caller alone: waking a helper costs more than it
 * saves.
 *
 * <p>Thread-safe: the TUN reader and every receive thread may run batches at the same time.
 */
final class CryptoPool implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(CryptoPool.class.getName());

  /** Below this many packets a batch is not worth sharing. */
  static final int MIN_SHARED = 8;

  /** The work for packet {@code i} of a batch; must not throw. */
  @FunctionalInterface
  interface Job {
    void run(int i);
  }

  private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
  private final Thread[] helpers;
  private volatile boolean started;
  private volatile boolean closed;

  /**
   * With {@code threads} threads in all, the caller included (1: everything on the caller). The
   * helpers start with the first batch worth sharing, so a device that never moves traffic, or is
   * built and dropped without {@link #close()}, holds no threads.
   */
  CryptoPool(int threads) {
    helpers = new Thread[Math.max(0, threads - 1)];
  }

  /** Starts the helpers unless closed; returns whether they run. */
  private synchronized boolean startHelpers() {
    if (!started && !closed) {
      for (int i = 0; i < helpers.length; i++) {
        helpers[i] = Thread.ofPlatform().daemon().name("wg-crypto-" + i).start(this::helperLoop);
      }
      started = true;
    }
    return started;
  }

  /** The default size: one thread per core, or {@code -Dcoderdesktop.wireguard.cryptoThreads}. */
  static int defaultThreads() {
    String v = System.getProperty("coderdesktop.wireguard.cryptoThreads");
    if (v != null) {
      try {
        return Math.max(1, Integer.parseInt(v.trim()));
      } catch (NumberFormatException e) {
        LOG.warning("ignoring coderdesktop.wireguard.cryptoThreads=" + v);
      }
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /** Runs {@code job} for every {@code i < n} and returns when all are done. */
  void run(int n, Job job) {
    if (helpers.length == 0 || n < MIN_SHARED || closed || !(started || startHelpers())) {
      for (int i = 0; i < n; i++) {
        job.run(i);
      }
      return;
    }
    Task t = new Task(n, job, Thread.currentThread());
    int share = Math.min(helpers.length, n / MIN_SHARED);
    for (int h = 0; h < share; h++) {
      queue.offer(t);
    }
    t.work();
    while (t.done.get() < n) {
      LockSupport.park(this);
    }
  }

  private void helperLoop() {
    while (!closed) {
      try {
        queue.take().work();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a crypto job failed", e);
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Thread h : helpers) {
      if (h != null) {
        h.interrupt();
      }
    }
  }

  /** One batch: participants take the next index until none is left. */
  private static final class Task {
    final int n;
    final Job job;
    final Thread waiter;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();

    Task(int n, Job job, Thread waiter) {
      this.n = n;
      this.job = job;
      this.waiter = waiter;
    }

    void work() {
      int i;
      while ((i = next.getAndIncrement()) < n) {
        try {
          job.run(i);
        } finally {
          if (done.incrementAndGet() == n) {
            LockSupport.unpark(waiter);
          }
        }
      }
    }
  }
}
