// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.power;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows logind's PrepareForSleep on the system D-Bus and runs {@code onResume} each time the
 * machine resumed. The bus is read through {@code gdbus monitor} (GLib's tool, which every desktop
 * has; the package recommends it): it subscribes to the signals of the name's current owner only,
 * so another bus client cannot fake a resume, and it keeps a D-Bus library, with its transport and
 * logging jars, out of the root daemon. A monitor that ends is started again after doubling,
 * jittered delays from 1 s to 60 s (reset once one ran for a minute); a machine without gdbus or
 * without a system bus is left to the engine's clock-jump detector.
 *
 * <p>Thread-safe. One daemon thread reads the monitor; {@code onResume} runs on it and must not
 * block.
 */
public final class LogindSleepWatch implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LogindSleepWatch.class.getName());

  /** The monitor: logind's object, signals from whoever owns org.freedesktop.login1. */
  static final List<String> GDBUS_MONITOR =
      List.of(
          "gdbus",
          "monitor",
          "--system",
          "--dest",
          "org.freedesktop.login1",
          "--object-path",
          "/org/freedesktop/login1");

  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY = Duration.ofSeconds(60);
  static final Duration HEALTHY = Duration.ofSeconds(60);

  private final SignalSource source;
  private final Clock clock;
  private final Runnable onResume;
  private final Timer restart;

  // Guarded by this.
  private SignalSource.Monitor running;
  private boolean closed;
  private Duration retry = FIRST_RETRY;

  LogindSleepWatch(SignalSource source, Clock clock, Runnable onResume) {
    this.source = source;
    this.clock = clock;
    this.onResume = onResume;
    // Starting a process may take a while: never on the clock's thread.
    this.restart =
        clock.newTimer(
            "logind-restart", () -> Thread.ofVirtual().name("logind-start").start(this::launch));
  }

  /** Where the system bus listens unless DBUS_SYSTEM_BUS_ADDRESS says otherwise. */
  static final Path SYSTEM_BUS = Path.of("/run/dbus/system_bus_socket");

  /**
   * The watch on the system bus, through {@code gdbus monitor}; on a machine without a system bus
   * (a container, a minimal server) it does not start at all rather than retry for ever.
   */
  public static LogindSleepWatch system(Clock clock, Runnable onResume) {
    SignalSource gdbus = SignalSource.process(GDBUS_MONITOR);
    boolean addressed = System.getenv("DBUS_SYSTEM_BUS_ADDRESS") != null;
    return new LogindSleepWatch(
        () -> {
          if (!addressed && !Files.exists(SYSTEM_BUS)) {
            throw new IOException("no system D-Bus at " + SYSTEM_BUS);
          }
          return gdbus.open();
        },
        clock,
        onResume);
  }

  /** Starts the monitor; returns at once. */
  public void start() {
    launch();
  }

  private void launch() {
    synchronized (this) {
      if (closed || running != null) {
        return;
      }
    }
    SignalSource.Monitor m;
    try {
      m = source.open();
    } catch (IOException e) {
      LOG.info(
          "no sleep/wake signals from logind ("
              + e.getMessage()
              + "); a resume is noticed by the clock-jump detector");
      return;
    }
    synchronized (this) {
      if (closed) {
        m.close();
        return;
      }
      running = m;
    }
    Thread.ofPlatform().name("logind-watch").daemon().start(() -> read(m));
  }

  private void read(SignalSource.Monitor m) {
    long started = clock.nanoTime();
    String last = "";
    try {
      String line;
      while ((line = m.readLine()) != null) {
        last = line;
        SleepSignal.parse(line).ifPresent(this::on);
      }
    } catch (IOException e) {
      last = e.getMessage();
    } finally {
      m.close();
    }
    Duration wait;
    synchronized (this) {
      running = null;
      if (closed) {
        return;
      }
      if (clock.since(started).compareTo(HEALTHY) >= 0) {
        retry = FIRST_RETRY;
      }
      wait = retry;
      retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
    }
    Duration jittered =
        Duration.ofMillis(
            (long) (wait.toMillis() * (0.5 + ThreadLocalRandom.current().nextDouble())));
    LOG.info("the logind monitor ended (" + last + "); again in " + jittered.toMillis() + " ms");
    restart.mod(jittered);
  }

  private void on(SleepSignal signal) {
    if (signal == SleepSignal.SUSPENDING) {
      LOG.info("logind: the machine is going to sleep");
      return;
    }
    LOG.info("logind: the machine resumed");
    try {
      onResume.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the resume handler failed", e);
    }
  }

  /** Stops the monitor and any restart. */
  @Override
  public void close() {
    SignalSource.Monitor m;
    synchronized (this) {
      closed = true;
      m = running;
      running = null;
    }
    restart.cancel();
    if (m != null) {
      m.close();
    }
  }
}
