// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import dev.coderdesktop.vpn.proto.wire.ServiceMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;

/**
 * What the service sends one client: a bounded queue drained by a writer thread of the client's
 * own, so that whoever sends (an engine thread broadcasting a status, a socket thread replying)
 * never waits for the client to read. A status snapshot still waiting to be written is replaced by
 * a newer one, since each is complete. A client that falls behind is disconnected with a log line:
 * when more than {@code depth} messages wait, or when messages have waited {@code stall} without
 * the writer finishing one (a client that stopped reading).
 *
 * <p>Thread-safe. Offers never block.
 */
public final class Outbox {

  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

  /** Writes one message to the client; may block while the client does not read. */
  @FunctionalInterface
  public interface Sink {
    /** Writes {@code message}. */
    void write(ServiceMessage message) throws IOException;
  }

  private record Item(ServiceMessage message, boolean snapshot) {}

  private final String client;
  private final Sink sink;
  private final Runnable disconnect;
  private final int depth;
  private final Duration stall;
  private final Timer stallTimer;

  // Guarded by this.
  private final Deque<Item> queue = new ArrayDeque<>();
  private boolean writing;
  private boolean closed;

  /**
   * An outbox for {@code client} (named in log lines) writing to {@code sink}; {@code disconnect}
   * ends the client's connection.
   */
  public Outbox(
      String client, Sink sink, Runnable disconnect, Clock clock, int depth, Duration stall) {
    this.client = client;
    this.sink = sink;
    this.disconnect = disconnect;
    this.depth = depth;
    this.stall = stall;
    this.stallTimer = clock.newTimer("outbox-stall", this::onStall);
  }

  /** Starts the writer thread. */
  public void start() {
    Thread.ofVirtual().name("vpn-client-writer").start(this::writeLoop);
  }

  /** Queues a reply (or any message that must not be merged). */
  public void send(ServiceMessage message) {
    offer(new Item(message, false));
  }

  /** Queues a complete status, replacing one that is still waiting. */
  public void sendSnapshot(ServiceMessage message) {
    offer(new Item(message, true));
  }

  private void offer(Item item) {
    String behind = null;
    synchronized (this) {
      if (closed) {
        return;
      }
      Item last = queue.peekLast();
      if (item.snapshot() && last != null && last.snapshot()) {
        queue.pollLast();
      }
      queue.addLast(item);
      if (queue.size() > depth) {
        behind = queue.size() + " messages waiting";
      } else {
        if (!stallTimer.isPending()) {
          stallTimer.mod(stall);
        }
        notifyAll();
      }
    }
    if (behind != null) {
      drop("fell behind (" + behind + ")");
    }
  }

  private void onStall() {
    synchronized (this) {
      if (closed || (queue.isEmpty() && !writing)) {
        return;
      }
    }
    drop("stopped reading (" + stall.toSeconds() + " s without taking a message)");
  }

  private void drop(String why) {
    close();
    LOG.warning("client " + client + " " + why + "; disconnected");
    disconnect.run();
  }

  private void writeLoop() {
    while (true) {
      Item item;
      synchronized (this) {
        while (queue.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (closed) {
          return;
        }
        item = queue.pollFirst();
        writing = true;
      }
      try {
        sink.write(item.message());
      } catch (IOException e) {
        close();
        disconnect.run();
        return;
      }
      synchronized (this) {
        writing = false;
        if (queue.isEmpty()) {
          stallTimer.cancel();
        } else {
          stallTimer.mod(stall);
        }
      }
    }
  }

  /** Drops whatever waits and stops the writer. Idempotent. */
  public void close() {
    synchronized (this) {
      closed = true;
      queue.clear();
      notifyAll();
    }
    stallTimer.cancel();
  }
}
