// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.time.SystemClock;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LogindSleepWatchTest {

  private static final String SLEEP =
      "/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (true,)";
  private static final String RESUME =
      "/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (false,)";
  private static final String END = "\u0000end";

  private final SystemClock clock = new SystemClock("logind-test");
  private final BlockingQueue<String> resumes = new LinkedBlockingQueue<>();

  /** A monitor fed by the test: each open() hands out the next script's lines. */
  private final class FakeBus implements SignalSource {
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    volatile boolean missing;

    @Override
    public Monitor open() throws IOException {
      if (missing) {
        throw new IOException("Cannot run program \"gdbus\": error=2, No such file or directory");
      }
      opens.incrementAndGet();
      return new Monitor() {
        @Override
        public String readLine() throws IOException {
          try {
            String l = lines.take();
            return l.equals(END) ? null : l;
          } catch (InterruptedException e) {
            throw new IOException(e);
          }
        }

        @Override
        public void close() {
          closes.incrementAndGet();
          lines.add(END);
        }
      };
    }
  }

  @AfterEach
  void stop() {
    clock.shutdown();
  }

  private static void await(java.util.function.BooleanSupplier c, String what)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!c.getAsBoolean()) {
      assertTrue(System.nanoTime() < until, what);
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  @Test
  @DisplayName("PrepareForSleep(false) runs the resume path once per resume; (true) does not")
  void resume() throws Exception {
    FakeBus bus = new FakeBus();
    try (LogindSleepWatch w = new LogindSleepWatch(bus, clock, () -> resumes.add("resumed"))) {
      w.start();
      bus.lines.add("Monitoring signals on object /org/freedesktop/login1 owned by x");
      bus.lines.add(SLEEP);
      bus.lines.add(RESUME);
      assertEquals("resumed", resumes.poll(10, TimeUnit.SECONDS));
      bus.lines.add(SLEEP);
      bus.lines.add(RESUME);
      assertEquals("resumed", resumes.poll(10, TimeUnit.SECONDS));
      assertEquals(
          null, resumes.poll(300, TimeUnit.MILLISECONDS), "one per PrepareForSleep(false)");
    }
    assertEquals(1, bus.opens.get());
  }

  @Test
  @DisplayName("a monitor that ends is started again after a backoff, and still delivers")
  void restarts() throws Exception {
    FakeBus bus = new FakeBus();
    try (LogindSleepWatch w = new LogindSleepWatch(bus, clock, () -> resumes.add("resumed"))) {
      w.start();
      bus.lines.add(END); // the bus went away
      await(() -> bus.opens.get() == 2, "the monitor was not started again");
      bus.lines.add(RESUME);
      assertEquals("resumed", resumes.poll(10, TimeUnit.SECONDS));
    }
  }

  @Test
  @DisplayName("close stops the monitor and no restart follows")
  void close() throws Exception {
    FakeBus bus = new FakeBus();
    LogindSleepWatch w = new LogindSleepWatch(bus, clock, () -> resumes.add("resumed"));
    w.start();
    w.close();
    await(() -> bus.closes.get() >= 1, "the monitor was not stopped");
    TimeUnit.MILLISECONDS.sleep(
        LogindSleepWatch.FIRST_RETRY.multipliedBy(2).toMillis()); // past any restart
    assertEquals(1, bus.opens.get());
  }

  @Test
  @DisplayName("without gdbus the watch gives up quietly (the clock-jump detector remains)")
  void missing() throws Exception {
    FakeBus bus = new FakeBus();
    bus.missing = true;
    try (LogindSleepWatch w = new LogindSleepWatch(bus, clock, () -> resumes.add("resumed"))) {
      w.start();
      TimeUnit.MILLISECONDS.sleep(LogindSleepWatch.FIRST_RETRY.multipliedBy(2).toMillis());
      assertEquals(0, bus.opens.get());
    }
  }
}
