// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import dev.coderdesktop.tunnel.control.yamux.YamuxSession;
import dev.coderdesktop.tunnel.liveness.Watchdog;
import dev.coderdesktop.tunnel.time.Clock;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One dialled control connection: its yamux session and the watchdog that proves it alive. Every
 * frame from the server counts as heard; a quiet session is pinged over yamux, and a silent one is
 * aborted. The watchdog is built first and acts through this object, so each side is final when the
 * other needs it; {@link Watchdog#start()} arms it once the owner has stored the session.
 * Thread-safe.
 */
final class LiveSession {

  private static final Logger LOG = Logger.getLogger(LiveSession.class.getName());

  private final Watchdog watchdog;
  private final YamuxSession session;

  LiveSession(ControlConnection conn, Clock clock, Duration probeEvery, Duration deadAfter) {
    watchdog =
        new Watchdog(
            clock, "tailnet-liveness", probeEvery, deadAfter, this::probe, this::onSilence);
    session = new YamuxSession(conn.in(), conn.out(), true, watchdog::heard);
  }

  YamuxSession session() {
    return session;
  }

  Watchdog watchdog() {
    return watchdog;
  }

  private void probe() {
    Thread.ofVirtual().name("tailnet-ping").start(this::pingQuietly);
  }

  private void pingQuietly() {
    try {
      session.ping();
    } catch (IOException e) {
      LOG.log(Level.FINE, "yamux ping failed", e);
    }
  }

  private void onSilence(String why) {
    session.abort("the control server went silent: " + why);
  }
}
