// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.control.yamux.Header;
import dev.coderdesktop.tunnel.control.yamux.YamuxSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Yamux sessions fed what a peer might send: runs of mostly well-formed frames (stream opens, data
 * up to the window, window updates, pings, resets, go-aways) with mutations. Each session must end
 * when its input does, with no exception escaping the reader and no more accepted streams waiting
 * than the backlog allows.
 */
@Timeout(300)
class YamuxFuzzTest {

  private static final OutputStream DISCARD = OutputStream.nullOutputStream();

  private static byte[] frames(Random r) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int n = 20 + r.nextInt(100);
    int nextOpen = 2;
    for (int i = 0; i < n; i++) {
      int type = r.nextInt(50) == 0 ? r.nextInt(6) : r.nextInt(3);
      int flags = r.nextInt(4) == 0 ? r.nextInt(16) : 0;
      int stream = r.nextInt(50) == 0 ? r.nextInt() : 2 * (1 + r.nextInt(4));
      if (r.nextInt(4) == 0) {
        // The peer opens a stream (even ids: we are the client).
        type = Header.WINDOW_UPDATE;
        flags = Header.SYN;
        stream = nextOpen;
        nextOpen += 2;
      }
      int length;
      byte[] payload = new byte[0];
      if (type == Header.DATA) {
        // Real sizes: up to the 256 KiB window, now and then one byte over it.
        length =
            r.nextInt(500) == 0
                ? YamuxSession.INITIAL_WINDOW + r.nextInt(2)
                : r.nextInt(r.nextBoolean() ? 64 : 4096);
        payload = new byte[Math.max(0, r.nextInt(20) == 0 ? length / 2 : length)];
      } else {
        length = r.nextInt(8) == 0 ? r.nextInt() : r.nextInt(1 << 18);
      }
      b.writeBytes(new Header(type, flags, stream, length).encode());
      b.writeBytes(payload);
    }
    // A flood of stream opens, now and then: the accept backlog must hold.
    if (r.nextInt(2000) == 0) {
      for (int id = 2; id < 2 * 2000; id += 2) {
        b.writeBytes(new Header(Header.WINDOW_UPDATE, Header.SYN, id, 0).encode());
      }
    }
    return b.toByteArray();
  }

  @Test
  @DisplayName("mutated frame runs end the session cleanly when the input ends")
  void sessions() throws Exception {
    Mutator m = new Mutator(0x7a_4d_0fL);
    List<Throwable> escaped = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> escaped.add(e));
    // Inputs are frames the sessions' readers handled; each session is a run of them.
    java.util.concurrent.atomic.AtomicLong frames = new java.util.concurrent.atomic.AtomicLong();
    int i = 0;
    try {
      for (; frames.get() < Mutator.iterations(); i++) {
        byte[] input = frames(m.random());
        if (m.random().nextInt(4) == 0) {
          input = m.mutate(input);
        }
        YamuxSession s =
            new YamuxSession(
                new ByteArrayInputStream(input), DISCARD, true, frames::incrementAndGet);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!s.isClosed()) {
          assertTrue(System.nanoTime() < deadline, "session " + i + " did not end with its input");
          java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        }
        int waiting = 0;
        while (s.acceptStream(0, TimeUnit.MILLISECONDS) != null) {
          waiting++;
        }
        assertTrue(
            waiting <= YamuxSession.ACCEPT_BACKLOG,
            "session " + i + " kept " + waiting + " unaccepted streams");
      }
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
    assertTrue(escaped.isEmpty(), "exceptions escaped the reader: " + escaped);
    assertTrue(i > 0, "sessions: " + i + ", frames handled: " + frames.get());
  }
}
