// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.agent;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import dev.coderdesktop.tunnel.wireguard.Device;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Logs an agent's WireGuard counters every 5 s whenever they changed, for whoever debugs a test
 * run. The timer is this object's own, re-armed from its action. Runs on the clock's thread.
 */
final class StatsLog {

  private static final Logger LOG = Logger.getLogger(StatsLog.class.getName());
  private static final Duration EVERY = Duration.ofSeconds(5);

  private final Device device;
  private final Timer timer;
  private String last = "";

  private StatsLog(Clock clock, Device device) {
    this.device = device;
    this.timer = clock.newTimer("agent-stats", this::tick);
  }

  /** Starts logging {@code device}'s counters. */
  static void start(Clock clock, Device device) {
    new StatsLog(clock, device).timer.mod(EVERY);
  }

  private void tick() {
    var st = device.stats();
    StringBuilder b = new StringBuilder("dropped " + st.dropped());
    st.peers()
        .forEach(
            p ->
                b.append("; peer rx ")
                    .append(p.rxBytes())
                    .append(" tx ")
                    .append(p.txBytes())
                    .append(" handshakes ")
                    .append(p.handshakes()));
    if (!b.toString().equals(last)) {
      last = b.toString();
      LOG.info(last);
    }
    timer.mod(EVERY);
  }
}
