// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    assertEquals(1, runs.get(), "the first request runs at once");
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
    assertEquals(3, runs.get(), "after a quiet interval a request runs at once again");
  }

  @Test
  @DisplayName("a request right after a run waits out the rest of the interval, no longer")
  void waitsOnlyTheRest() {
    throttle.request();
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
    throttle.now();
    assertEquals(2, runs.get());
    throttle.request();
    throttle.close();
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2, runs.get(), "closed before the pending run was due");
    throttle.request();
    throttle.now();
    assertEquals(2, runs.get(), "nothing runs once closed");
  }
}
