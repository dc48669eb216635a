// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.threading;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The app's background threads for blocking work (network, service socket, secret store): named
 * daemon threads, and every task wrapped so a failure reaches one handler instead of vanishing in a
 * future. Thread-safe.
 */
public final class Workers implements Executor, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Workers.class.getName());

  private final ScheduledExecutorService pool;
  private final Consumer<Throwable> onFailure;

  /** Threads named {@code name-N}; failures go to {@code onFailure}. */
  public Workers(String name, int threads, Consumer<Throwable> onFailure) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory f =
        r -> Thread.ofPlatform().name(name + "-" + n.incrementAndGet()).daemon().unstarted(r);
    this.pool = Executors.newScheduledThreadPool(threads, f);
    this.onFailure = onFailure;
  }

  /** Workers whose failures are logged. */
  public static Workers logging(String name, int threads) {
    return new Workers(
        name, threads, e -> LOG.log(Level.WARNING, "background task failed: " + e, e));
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(catching(task));
  }

  /** Runs {@code task} after {@code delay}. */
  public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return pool.schedule(catching(task), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private Runnable catching(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        onFailure.accept(e);
      }
    };
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
