// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real clock's timers when mod() or cancel() meets an expiry that is already running: the test
 * holds the timer's lock while the expiry is due, so the scheduler thread is caught between taking
 * the expiry and running its action.
 */
@Timeout(30)
class SystemClockTest {

  private final String thread = "system-clock-test-" + System.nanoTime();
  private final SystemClock clock = new SystemClock(thread);
  private final AtomicInteger runs = new AtomicInteger();
  private final Timer timer = clock.newTimer("t", runs::incrementAndGet);

  @AfterEach
  void stop() {
    clock.shutdown();
  }

  /** Arms the timer to expire now and waits until its expiry is blocked on the timer's lock. */
  private void expireWhileHeld(Runnable underTheLock) throws InterruptedException {
    synchronized (timer) {
      timer.mod(Duration.ZERO);
      Thread scheduler = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (scheduler == null || scheduler.getState() != Thread.State.BLOCKED) {
        assertTrue(System.nanoTime() < deadline, "the expiry never reached the timer's lock");
        scheduler =
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(thread))
                .findFirst()
                .orElse(null);
        Thread.sleep(1);
      }
      underTheLock.run();
    }
    // The scheduler has one thread: a probe armed now runs after the caught expiry has finished.
    CountDownLatch probe = new CountDownLatch(1);
    clock.newTimer("probe", probe::countDown).mod(Duration.ZERO);
    assertTrue(probe.await(10, TimeUnit.SECONDS));
  }

  @Test
  @DisplayName("an expiry caught by a re-arm neither runs nor disarms the new expiry")
  void reArmBeatsARunningExpiry() throws Exception {
    expireWhileHeld(() -> timer.mod(Duration.ofHours(1)));
    assertEquals(0, runs.get());
    assertTrue(timer.isPending());
    timer.cancel();
    assertFalse(timer.isPending());
  }

  @Test
  @DisplayName("an expiry caught by cancel() does not run")
  void cancelBeatsARunningExpiry() throws Exception {
    expireWhileHeld(timer::cancel);
    assertEquals(0, runs.get());
    assertFalse(timer.isPending());
  }

  @Test
  @DisplayName("an expiry nobody touches runs once")
  void plainExpiryRuns() throws Exception {
    expireWhileHeld(() -> {});
    assertEquals(1, runs.get());
    assertFalse(timer.isPending());
  }
}
