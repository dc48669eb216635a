// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import dev.coderdesktop.tunnel.control.ControlConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A server end that accepts everything written and says nothing until hung up. Writes from the
 * thread {@link #stuck} names hang until {@link #failStuck} and then fail, as a write stuck on a
 * dead connection does.
 */
final class SilentPeer {

  final BlockingQueue<Integer> reads = new LinkedBlockingQueue<>();

  /** Counted down once a write from {@link #stuck} hangs. */
  final CountDownLatch stuckWriting = new CountDownLatch(1);

  private final CountDownLatch release = new CountDownLatch(1);
  volatile Thread stuck;

  final InputStream in =
      new InputStream() {
        @Override
        public int read() throws IOException {
          try {
            return reads.take();
          } catch (InterruptedException e) {
            throw new IOException("interrupted");
          }
        }

        @Override
        public void close() {
          reads.add(-1);
        }
      };

  final OutputStream out =
      new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          if (Thread.currentThread() != stuck) {
            return;
          }
          stuckWriting.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            throw new InterruptedIOException();
          }
          throw new IOException("broken pipe");
        }
      };

  ControlConnection connection() {
    return new ControlConnection(in, out, () -> reads.add(-1));
  }

  void hangUp() {
    reads.add(-1);
  }

  /** Lets the write stuck in {@link #stuck} fail. */
  void failStuck() {
    release.countDown();
  }
}
