// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control.yamux;

import dev.coderdesktop.tunnel.transport.BulkInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * One yamux stream: an input and an output byte stream with per-direction flow control (a 256 KiB
 * window; window updates once half of it is consumed). Thread-safe: one reader and one writer may
 * use it at once.
 */
public final class YamuxStream {

  private final YamuxSession session;
  private final int id;
  private final InputStream in = new In();
  private final OutputStream out = new Out();

  // Guarded by this.
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private int chunkPos;
  private int buffered;
  private int unannounced;
  private long sendWindow = YamuxSession.INITIAL_WINDOW;
  private boolean remoteClosed;
  private boolean localClosed;
  private boolean reset;

  YamuxStream(YamuxSession session, int id) {
    this.session = session;
    this.id = id;
  }

  /** The stream id (odd for client-opened, even for server-opened). */
  public int id() {
    return id;
  }

  /** Bytes from the peer; EOF after the peer half-closes. */
  public InputStream inputStream() {
    return in;
  }

  /** Bytes to the peer; {@code close()} half-closes (FIN). */
  public OutputStream outputStream() {
    return out;
  }

  /** Aborts the stream in both directions (RST). */
  public void reset() {
    synchronized (this) {
      if (reset) {
        return;
      }
      reset = true;
      notifyAll();
    }
    session.sendQuietly(new Header(Header.WINDOW_UPDATE, Header.RST, id, 0), null);
    session.forget(id);
  }

  /** Called by the session's reader with a data payload; false if it overruns the window. */
  synchronized boolean deliver(byte[] data) {
    if (buffered + data.length > YamuxSession.INITIAL_WINDOW) {
      return false;
    }
    if (data.length > 0) {
      chunks.add(data);
      buffered += data.length;
      notifyAll();
    }
    return true;
  }

  synchronized void windowUpdate(int delta) {
    sendWindow += Integer.toUnsignedLong(delta);
    notifyAll();
  }

  synchronized void remoteFin() {
    remoteClosed = true;
    notifyAll();
  }

  synchronized void remoteReset() {
    reset = true;
    notifyAll();
  }

  private final class In extends BulkInputStream {
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int n;
      int announce = 0;
      synchronized (YamuxStream.this) {
        while (chunks.isEmpty()) {
          if (reset) {
            throw new YamuxException("stream reset");
          }
          if (remoteClosed || session.isClosed()) {
            return -1;
          }
          waitInterruptibly();
        }
        byte[] head = chunks.peek();
        n = Math.min(len, head.length - chunkPos);
        System.arraycopy(head, chunkPos, b, off, n);
        chunkPos += n;
        if (chunkPos == head.length) {
          chunks.poll();
          chunkPos = 0;
        }
        buffered -= n;
        unannounced += n;
        if (unannounced >= YamuxSession.INITIAL_WINDOW / 2) {
          announce = unannounced;
          unannounced = 0;
        }
      }
      if (announce > 0) {
        session.sendQuietly(new Header(Header.WINDOW_UPDATE, 0, id, announce), null);
      }
      return n;
    }

    @Override
    public int available() {
      synchronized (YamuxStream.this) {
        return buffered;
      }
    }
  }

  private final class Out extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        int n;
        synchronized (YamuxStream.this) {
          while (sendWindow == 0 && !reset && !session.isClosed()) {
            waitInterruptibly();
          }
          if (reset || localClosed || session.isClosed()) {
            throw new YamuxException("stream closed");
          }
          n = (int) Math.min(Math.min(len, sendWindow), YamuxSession.MAX_FRAME_DATA);
          sendWindow -= n;
        }
        byte[] chunk = java.util.Arrays.copyOfRange(b, off, off + n);
        session.send(new Header(Header.DATA, 0, id, n), chunk);
        off += n;
        len -= n;
      }
    }

    @Override
    public void close() throws IOException {
      synchronized (YamuxStream.this) {
        if (localClosed || reset) {
          return;
        }
        localClosed = true;
      }
      session.sendQuietly(new Header(Header.WINDOW_UPDATE, Header.FIN, id, 0), null);
    }
  }

  private void waitInterruptibly() throws InterruptedIOException {
    try {
      wait(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }
}
