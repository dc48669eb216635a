// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.time.VirtualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ThrottleTest {

  private static final Duration INTERVAL = Duration.ofMillis(200);

  private final VirtualClock clock = new VirtualClock();
  private final AtomicInteger runs = new AtomicInteger();
  private final Throttle throttle = new Throttle(clock, INTERVAL, "test", runs::incrementAndGet);

  @Test
  @DisplayName(
      "a lone request runs at once; a burst within the interval makes one more run at its end")
  void burstsBecomeOneRun() {
    throttle.request();
    assertEquals(0, runs.get(), "never on the requesting thread");
    clock.advance(Duration.ZERO);
    assertEquals(1, runs.get(), "the first request runs at once, on the clock's thread");
    for (int i = 0; i < 1000; i++) {
      throttle.request();
      clock.advance(Duration.ofNanos(100_000)); // 100 ms in all, within the interval
    }
    assertEquals(1, runs.get(), "the burst waits for the interval's end");
    clock.advance(Duration.ofMillis(100));
    assertEquals(2, runs.get(), "one run for the whole burst");
    clock.advance(Duration.ofSeconds(5));
    assertEquals(2, runs.get(), "no request, no run");
    throttle.request();
    clock.advance(Duration.ZERO);
    assertEquals(3, runs.get(), "after a quiet interval a request runs at once again");
  }

  @Test
  @DisplayName("a request right after a run waits out the rest of the interval, no longer")
  void waitsOnlyTheRest() {
    throttle.request();
    clock.advance(Duration.ZERO);
    clock.advance(Duration.ofMillis(150));
    throttle.request();
    assertEquals(1, runs.get());
    clock.advance(Duration.ofMillis(49));
    assertEquals(1, runs.get());
    clock.advance(Duration.ofMillis(1));
    assertEquals(2, runs.get(), "200 ms after the first run");
  }

  @Test
  @DisplayName("now() runs at once even within the interval; close drops a pending run")
  void nowAndClose() {
    throttle.request();
    clock.advance(Duration.ZERO);
    throttle.now();
    assertEquals(2, runs.get(), "now() runs on the caller, within the interval too");
    throttle.request();
    throttle.close();
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2, runs.get(), "closed before the pending run was due");
    throttle.request();
    throttle.now();
    assertEquals(2, runs.get(), "nothing runs once closed");
  }

  @Test
  @DisplayName("a request just after a trailing run waits for the next interval's end")
  void rearmsAfterTrailingRun() {
    throttle.request();
    clock.advance(Duration.ZERO);
    throttle.request();
    clock.advance(INTERVAL);
    assertEquals(2, runs.get(), "the trailing run");
    throttle.request();
    assertEquals(2, runs.get(), "within the interval of the trailing run");
    clock.advance(INTERVAL);
    assertEquals(3, runs.get());
  }

  @Test
  @DisplayName("runs never overlap, and every request is followed by a run that starts after it")
  void noOverlapUnderContention() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger started = new AtomicInteger();
    SystemClock real = new SystemClock("throttle-test");
    Throttle t =
        new Throttle(
            real,
            Duration.ZERO,
            "contended",
            () -> {
              if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
              }
              started.incrementAndGet();
              Thread.onSpinWait();
              inside.decrementAndGet();
            });
    Thread[] threads = new Thread[4];
    AtomicInteger lost = new AtomicInteger();
    for (int k = 0; k < threads.length; k++) {
      boolean urgent = k % 2 == 0;
      threads[k] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 20_000; i++) {
                      int before = started.get();
                      if (urgent) {
                        t.now();
                      } else {
                        t.request();
                      }
                      // Served here or by a running thread, which starts another run after this
                      // request: wait for it, briefly.
                      long deadline = System.nanoTime() + 1_000_000_000L;
                      while (started.get() == before && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                      }
                      if (started.get() == before) {
                        lost.incrementAndGet();
                      }
                    }
                  });
    }
    for (Thread th : threads) {
      th.join();
    }
    real.shutdown();
    assertEquals(0, overlaps.get(), "two runs at once");
    assertEquals(0, lost.get(), "a request with no run after it");
  }
}
