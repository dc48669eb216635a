// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import static dev.coderdesktop.tunnel.time.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.control.ControlConnection;
import dev.coderdesktop.tunnel.control.RecordingListener;
import dev.coderdesktop.tunnel.control.TailnetControlClient;
import dev.coderdesktop.tunnel.time.VirtualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A coordinate send that fails ends the connection it was sent on, and no other. */
@Timeout(60)
class CoordinateSendFailureTest {

  private static final UUID OWNER = UUID.fromString("11111111-1111-4111-8111-111111111111");
  private static final UUID AGENT = UUID.fromString("33333333-3333-4333-8333-333333333333");

  /**
   * A server end that answers nothing; writes from {@link #stuck} hang until {@link #failStuck} and
   * then fail, as a write stuck on a dead connection does.
   */
  private static final class Peer {
    final BlockingQueue<Integer> reads = new LinkedBlockingQueue<>();
    final CountDownLatch stuckWriting = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile Thread stuck;

    final InputStream in =
        new InputStream() {
          @Override
          public int read() throws IOException {
            try {
              return reads.take();
            } catch (InterruptedException e) {
              throw new InterruptedIOException();
            }
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

    void failStuck() {
      release.countDown();
    }
  }

  @Test
  @DisplayName("a send that fails after its connection was replaced leaves the new connection up")
  void staleSendFailureKeepsTheNewConnection() throws Exception {
    VirtualClock clock = new VirtualClock();
    RecordingListener events = new RecordingListener();
    List<Peer> peers = new CopyOnWriteArrayList<>();
    TailnetControlClient client =
        new TailnetControlClient(
            token -> {
              Peer p = new Peer();
              peers.add(p);
              return p.connection();
            },
            OWNER,
            clock,
            events);
    try {
      client.start();
      await("the first connection", client::isConnected);
      Peer first = peers.getFirst();
      Thread sender = Thread.ofPlatform().unstarted(() -> client.addTunnel(AGENT));
      first.stuck = sender;
      sender.start();
      assertTrue(first.stuckWriting.await(10, TimeUnit.SECONDS), "the send is under way");

      // The first connection ends and is replaced while that send is still stuck on it.
      first.hangUp();
      await("the retry timer", () -> clock.isArmed("tailnet-retry"));
      clock.advance(Duration.ofSeconds(1));
      await("the second connection", () -> peers.size() == 2 && client.isConnected());

      first.failStuck();
      sender.join(TimeUnit.SECONDS.toMillis(10));
      assertFalse(sender.isAlive());
      assertTrue(client.isConnected(), "the new connection was dropped: " + events.disconnects);
      assertEquals(1, events.disconnects.size(), events.disconnects.toString());
    } finally {
      client.close();
    }
  }
}
