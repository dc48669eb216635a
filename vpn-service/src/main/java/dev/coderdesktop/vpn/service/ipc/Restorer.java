// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import dev.coderdesktop.vpn.service.session.Session;
import dev.coderdesktop.vpn.service.session.SessionStore;
import dev.coderdesktop.vpn.service.session.SignInException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Brings back, after the service starts, the session its store remembers (the user had the VPN on
 * when the service crashed, was upgraded or the machine rebooted). It tries at once, and while the
 * failure may pass (the deployment is unreachable, the system is not ready: the network may still
 * be coming up at boot) again after doubling, jittered delays from 1 s to 60 s. A refused sign-in
 * ends it, and so does anything a user does meanwhile (a Start or a Stop).
 *
 * <p>Thread-safe; attempts run on virtual threads, never on the clock's thread.
 */
public final class Restorer {

  private static final Logger LOG = Logger.getLogger(Restorer.class.getName());
  private static final Duration FIRST = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofSeconds(60);

  private final VpnService service;
  private final SessionStore store;
  private final Timer retry;

  // Guarded by this.
  private Session.StartParams params;
  private long expectedGeneration;
  private Duration delay = FIRST;

  /** Restores into {@code service} what {@code store} remembers, retrying on {@code clock}. */
  public Restorer(VpnService service, SessionStore store, Clock clock) {
    this.service = service;
    this.store = store;
    this.retry = clock.newTimer("session-restore", this::attemptLater);
  }

  /** Starts restoring when the store remembers a session; returns whether it does. */
  public boolean begin() {
    Optional<Session.StartParams> p = store.load();
    if (p.isEmpty()) {
      return false;
    }
    synchronized (this) {
      params = p.get();
      expectedGeneration = service.generation();
    }
    LOG.info("the VPN was on before the service stopped; turning it back on");
    attemptLater();
    return true;
  }

  private void attemptLater() {
    Thread.ofVirtual().name("session-restore").start(this::attempt);
  }

  private void attempt() {
    Session.StartParams p;
    synchronized (this) {
      if (service.generation() != expectedGeneration) {
        LOG.info("restore abandoned: a client started or stopped the VPN meanwhile");
        return;
      }
      p = params;
    }
    VpnService.Outcome o = service.start(p);
    if (o.ok()) {
      LOG.info("the VPN is back on");
      return;
    }
    if (o.kind() != SignInException.Kind.UNREACHABLE && o.kind() != SignInException.Kind.SYSTEM) {
      LOG.warning("restore failed for good: " + o.error());
      return;
    }
    Duration wait;
    synchronized (this) {
      expectedGeneration = service.generation();
      wait = delay;
      delay = delay.multipliedBy(2).compareTo(MAX) > 0 ? MAX : delay.multipliedBy(2);
    }
    // 0.5x to 1.5x, so many machines coming back together do not call in step.
    Duration jittered =
        Duration.ofMillis(
            (long) (wait.toMillis() * (0.5 + ThreadLocalRandom.current().nextDouble())));
    LOG.info("restore failed (" + o.error() + "); trying again in " + jittered.toMillis() + " ms");
    retry.mod(jittered);
  }
}
