// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.time.VirtualClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTimerTest {

  private final VirtualClock clock = new VirtualClock();
  private final AtomicInteger fired = new AtomicInteger();
  private final LazyTimer timer = new LazyTimer(clock, "t", fired::incrementAndGet);

  @Test
  void firesOnceAfterTheDelay() {
    timer.mod(Duration.ofSeconds(10));
    assertTrue(timer.isPending());
    clock.advance(Duration.ofMillis(9_999));
    assertEquals(0, fired.get());
    clock.advance(Duration.ofMillis(1));
    assertEquals(1, fired.get());
    assertFalse(timer.isPending());
    clock.advance(Duration.ofSeconds(60));
    assertEquals(1, fired.get());
  }

  @Test
  void reArmingLaterMovesTheExpiryWithoutFiringEarly() {
    timer.mod(Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(6));
    timer.mod(Duration.ofSeconds(10)); // due at 16 s now
    clock.advance(Duration.ofSeconds(9)); // 15 s: the first expiry passed and re-armed itself
    assertEquals(0, fired.get());
    assertTrue(timer.isPending());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(1, fired.get());
  }

  @Test
  void reArmingEarlierSchedulesTheEarlierExpiry() {
    timer.mod(Duration.ofSeconds(10));
    timer.mod(Duration.ofSeconds(2));
    clock.advance(Duration.ofSeconds(2));
    assertEquals(1, fired.get());
    clock.advance(Duration.ofSeconds(10));
    assertEquals(1, fired.get(), "the 10 s expiry was replaced, not kept");
  }

  @Test
  void cancelledTimerNeverFires() {
    timer.mod(Duration.ofSeconds(10));
    timer.cancel();
    clock.advance(Duration.ofSeconds(20));
    assertEquals(0, fired.get());
    assertFalse(timer.isPending());
  }

  @Test
  void cancelledTimerDoesNotFireAndCanBeReArmed() {
    timer.mod(Duration.ofSeconds(10));
    timer.cancel();
    assertFalse(timer.isPending());
    clock.advance(Duration.ofSeconds(5));
    timer.mod(Duration.ofSeconds(10)); // due at 15 s; the scheduled 10 s expiry re-arms
    clock.advance(Duration.ofSeconds(9));
    assertEquals(0, fired.get());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(1, fired.get());
  }

  @Test
  void stopDropsTheScheduledExpiry() {
    timer.mod(Duration.ofSeconds(10));
    timer.stop();
    assertEquals(0, clock.pendingTimers());
    clock.advance(Duration.ofSeconds(20));
    assertEquals(0, fired.get());
  }

  @Test
  void aPacketRateOfReArmsKeepsOneScheduledExpiry() {
    for (int i = 0; i < 1000; i++) {
      timer.cancel();
      timer.mod(Duration.ofSeconds(10));
      clock.advance(Duration.ofMillis(10));
    }
    assertEquals(1, clock.pendingTimers());
    assertEquals(0, fired.get());
    clock.advance(Duration.ofSeconds(10));
    assertEquals(1, fired.get());
  }

  /**
   * The sending and the receiving thread re-arm and cancel the same timer without a lock while its
   * expiries fire on the clock's thread. However they interleave, a timer re-armed afterwards must
   * fire, once: no expiry may be recorded as scheduled when none is.
   */
  @Test
  void concurrentReArmsAndExpiriesNeverLoseALaterDeadline() throws Exception {
    SystemClock real = new SystemClock("lazy-timer-test");
    try {
      for (int round = 0; round < 20; round++) {
        AtomicInteger afterChurn = new AtomicInteger();
        CountDownLatch fires = new CountDownLatch(1);
        AtomicBoolean churnDone = new AtomicBoolean();
        LazyTimer t =
            new LazyTimer(
                real,
                "t",
                () -> {
                  if (churnDone.get()) {
                    afterChurn.incrementAndGet();
                    fires.countDown();
                  }
                });
        Runnable churn =
            () -> {
              for (int i = 0; i < 20_000; i++) {
                if (i % 3 == 2) {
                  t.cancel();
                } else {
                  t.modNanos((i % 50) * 10_000L); // 0 to 0.5 ms: expiries race the re-arms
                }
              }
            };
        Thread a = Thread.ofPlatform().start(churn);
        Thread b = Thread.ofPlatform().start(churn);
        a.join();
        b.join();
        // Both threads ended on a re-arm due within half a millisecond: an expiry lost in the
        // churn would leave the timer armed for good.
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.isPending() && System.nanoTime() - waitUntil < 0) {
          Thread.sleep(1);
        }
        assertFalse(t.isPending(), "round " + round + ": the churn's last re-arm fired");
        // The clock runs its timers on one thread: once a probe has run, no expiry of the churn
        // is still inside the action.
        CountDownLatch drained = new CountDownLatch(1);
        real.newTimer("probe", drained::countDown).mod(Duration.ZERO);
        assertTrue(drained.await(5, TimeUnit.SECONDS));
        churnDone.set(true);
        t.modNanos(TimeUnit.MILLISECONDS.toNanos(5));
        assertTrue(fires.await(5, TimeUnit.SECONDS), "round " + round + ": the re-arm fired");
        Thread.sleep(20);
        assertEquals(1, afterChurn.get(), "round " + round);
        assertFalse(t.isPending());
        t.stop();
      }
    } finally {
      real.shutdown();
    }
  }
}
