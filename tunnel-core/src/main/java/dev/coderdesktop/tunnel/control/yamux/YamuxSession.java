// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control.yamux;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A yamux session (hashicorp/yamux v0.1.2 wire format) over any byte stream, in client mode (odd
 * stream ids, as Coder clients are) or server mode (even ids, for the local testbed). One named
 * reader thread dispatches frames; writes are serialised. A protocol violation ends the session
 * with a GoAway and a logged reason, never an exception on another thread.
 *
 * <p>Thread-safe.
 */
public final class YamuxSession implements Closeable {

  private static final Logger LOG = Logger.getLogger(YamuxSession.class.getName());

  /** Each stream's initial window in each direction. */
  public static final int INITIAL_WINDOW = 256 * 1024;

  /**
   * Streams the peer may open that nobody has accepted yet; more are reset at once, so a peer
   * cannot grow our memory by opening streams (the same backlog as hashicorp/yamux's default).
   */
  public static final int ACCEPT_BACKLOG = 256;

  /** Largest data payload we put in one frame. */
  static final int MAX_FRAME_DATA = 64 * 1024;

  private final DataInputStream in;
  private final OutputStream out;
  private final boolean client;
  private final Map<Integer, YamuxStream> streams = new ConcurrentHashMap<>();
  private final BlockingQueue<YamuxStream> accepted = new LinkedBlockingQueue<>();
  private final java.util.concurrent.locks.ReentrantLock writeLock =
      new java.util.concurrent.locks.ReentrantLock();
  private final Thread reader;
  private final Runnable onFrame;
  private final java.util.concurrent.atomic.AtomicInteger pingId =
      new java.util.concurrent.atomic.AtomicInteger();

  // Guarded by this.
  private int nextId;
  private volatile boolean closed;
  private volatile String closeReason;

  /** Starts a session on {@code in}/{@code out}; {@code client} picks odd stream ids. */
  public YamuxSession(InputStream in, OutputStream out, boolean client) {
    this(in, out, client, () -> {});
  }

  /**
   * As above; {@code onFrame} runs on the reader thread for every frame received (a liveness
   * watchdog counts them) and must not block.
   */
  public YamuxSession(InputStream in, OutputStream out, boolean client, Runnable onFrame) {
    this.in = in instanceof DataInputStream d ? d : new DataInputStream(in);
    this.out = out;
    this.client = client;
    this.onFrame = onFrame;
    this.nextId = client ? 1 : 2;
    this.reader = Thread.ofPlatform().name("yamux-reader").daemon().start(this::readLoop);
  }

  /** Opens a new stream (a window update with SYN; data may follow at once). */
  public YamuxStream openStream() throws IOException {
    YamuxStream s;
    synchronized (this) {
      if (closed) {
        throw new YamuxException("session closed: " + closeReason);
      }
      s = new YamuxStream(this, nextId);
      streams.put(nextId, s);
      nextId += 2;
    }
    send(new Header(Header.WINDOW_UPDATE, Header.SYN, s.id(), 0), null);
    return s;
  }

  /** Waits for the peer to open a stream; null on timeout or when the session closes. */
  public YamuxStream acceptStream(long timeout, TimeUnit unit) throws InterruptedException {
    YamuxStream s = accepted.poll(timeout, unit);
    if (s != null && s.id() < 0) {
      accepted.add(s); // keep the end-of-session marker for other acceptors
      return null;
    }
    return s;
  }

  /** Whether the session has ended. */
  public boolean isClosed() {
    return closed;
  }

  /** Why the session ended, or null. */
  public String closeReason() {
    return closeReason;
  }

  /**
   * Sends a ping (SYN); the peer's ACK arrives as a frame like any other. Blocks while another
   * write is in progress, so callers that must not block run it on a thread of their own.
   */
  public void ping() throws IOException {
    send(new Header(Header.PING, Header.SYN, 0, pingId.incrementAndGet()), null);
  }

  void send(Header h, byte[] payload) throws IOException {
    writeLock.lock();
    try {
      if (closed) {
        throw new YamuxException("session closed: " + closeReason);
      }
      try {
        out.write(h.encode());
        if (payload != null) {
          out.write(payload);
        }
        out.flush();
      } catch (IOException e) {
        shutdown("write failed: " + e.getMessage(), false);
        throw e;
      }
    } finally {
      writeLock.unlock();
    }
  }

  void sendQuietly(Header h, byte[] payload) {
    try {
      send(h, payload);
    } catch (IOException e) {
      LOG.log(Level.FINE, "yamux send failed", e);
    }
  }

  void forget(int id) {
    streams.remove(id);
  }

  private void readLoop() {
    try {
      while (!closed) {
        Header h = Header.read(in);
        onFrame.run();
        switch (h.type()) {
          case Header.DATA, Header.WINDOW_UPDATE -> onStreamFrame(h);
          case Header.PING -> {
            if (h.has(Header.SYN)) {
              send(new Header(Header.PING, Header.ACK, 0, h.length()), null);
            }
          }
          case Header.GO_AWAY -> {
            shutdown("peer sent go-away code " + h.length(), false);
            return;
          }
          default -> throw new YamuxException("unexpected frame type " + h.type());
        }
      }
    } catch (YamuxException e) {
      if (closed) {
        // Answering a frame failed because the session had already ended (a writer met the dead
        // connection first, or a local close): nothing the peer did wrong, nothing left to end.
        LOG.fine(() -> "yamux reader stops: " + e.getMessage());
        return;
      }
      LOG.warning("yamux protocol error, closing the session: " + e.getMessage());
      shutdown(e.getMessage(), true);
    } catch (IOException e) {
      shutdown("connection lost: " + e.getMessage(), false);
    }
  }

  private void onStreamFrame(Header h) throws IOException {
    int id = h.streamId();
    byte[] payload = null;
    if (h.type() == Header.DATA) {
      if (h.length() < 0 || h.length() > INITIAL_WINDOW) {
        throw new YamuxException(
            "data frame of " + Integer.toUnsignedString(h.length()) + " bytes");
      }
      payload = new byte[h.length()];
      in.readFully(payload);
    }
    if (id == 0) {
      throw new YamuxException("stream frame on stream 0");
    }
    YamuxStream s = streams.get(id);
    if (h.has(Header.SYN)) {
      if (s != null || (id % 2 == 1) == client) {
        throw new YamuxException("bad SYN for stream " + id);
      }
      if (accepted.size() >= ACCEPT_BACKLOG) {
        LOG.warning("yamux: " + ACCEPT_BACKLOG + " streams wait to be accepted; resetting " + id);
        send(new Header(Header.WINDOW_UPDATE, Header.RST, id, 0), null);
        return;
      }
      s = new YamuxStream(this, id);
      streams.put(id, s);
      send(new Header(Header.WINDOW_UPDATE, Header.ACK, id, 0), null);
      accepted.add(s);
    }
    if (s == null) {
      // Frames for a stream we already reset or forgot are harmless; drop them.
      return;
    }
    if (payload != null && !s.deliver(payload)) {
      throw new YamuxException("stream " + id + " overran its receive window");
    }
    if (h.type() == Header.WINDOW_UPDATE && h.length() != 0) {
      s.windowUpdate(h.length());
    }
    if (h.has(Header.FIN)) {
      s.remoteFin();
    }
    if (h.has(Header.RST)) {
      s.remoteReset();
      streams.remove(id);
    }
  }

  private void shutdown(String reason, boolean protocolError) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closeReason = reason;
    }
    if (protocolError) {
      goAway(1);
    }
    closed = true;
    for (YamuxStream s : streams.values()) {
      synchronized (s) {
        s.notifyAll();
      }
    }
    accepted.add(new YamuxStream(this, -1));
    try {
      out.close();
      in.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "close failed", e);
    }
  }

  /**
   * Sends a go-away with {@code code} unless a write is in progress: a writer stuck on a dead
   * connection holds the lock, and closing must not wait for it (closing the streams unblocks it).
   */
  private void goAway(int code) {
    if (!writeLock.tryLock()) {
      return;
    }
    try {
      out.write(new Header(Header.GO_AWAY, 0, 0, code).encode());
      out.flush();
    } catch (IOException e) {
      LOG.log(Level.FINE, "go-away failed", e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Sends a normal go-away and ends the session. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    goAway(0);
    shutdown("closed locally", false);
    reader.interrupt();
  }

  /**
   * Ends the session at once without a go-away (the connection is presumed dead), recording {@code
   * reason} as why.
   */
  public void abort(String reason) {
    shutdown(reason, false);
    reader.interrupt();
  }
}
