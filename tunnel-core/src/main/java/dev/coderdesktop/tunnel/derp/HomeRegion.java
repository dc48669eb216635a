// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import java.util.logging.Logger;

/**
 * Chooses our home DERP region while connected and moves it when the home relay is unreachable. The
 * region we start in is the best one (lowest latency at sign-in). When the home relay has been down
 * for {@link #FAILOVER_AFTER} (a relay restart that comes back sooner moves nothing), home moves to
 * the next best region that is not known to be down (by measured latency, then region id; regions
 * the map asks to avoid last), and the owner is told so that peers learn our new {@code
 * preferred_derp}; if that relay cannot be reached either, the next one is tried after the same
 * wait. While away from the best region we probe it every {@link #RETURN_PROBE_EVERY}; once it has
 * answered {@link #RETURN_AFTER} probes in a row (about 15 s of health: hysteresis, so a flapping
 * relay does not drag everyone back and forth) home moves back.
 *
 * <pre>
 *   AT_BEST --home down for FAILOVER_AFTER--> AWAY (home = next best)
 *   AWAY --home down for FAILOVER_AFTER--> AWAY (home = the next one)
 *   AWAY --best answered RETURN_AFTER probes in a row--> AT_BEST
 *   any --map drops home--> AWAY or AT_BEST at once (best = home when the map drops best)
 * </pre>
 *
 * <p>Thread-safe: events arrive on relay reader threads, timers on the clock's thread and probe
 * results on probe threads; the owner's callback runs without the lock held.
 */
public final class HomeRegion implements DerpRelays.RegionListener {

  private static final Logger LOG = Logger.getLogger(HomeRegion.class.getName());

  /** How long the home relay may be unreachable before home moves. */
  public static final Duration FAILOVER_AFTER = Duration.ofSeconds(2);

  /** How often the best region is probed while home is elsewhere. */
  public static final Duration RETURN_PROBE_EVERY = Duration.ofSeconds(5);

  /** Consecutive answered probes of the best region before home moves back. */
  public static final int RETURN_AFTER = 3;

  private static final Duration PROBE_BUDGET = Duration.ofSeconds(3);

  private final DerpRelays relays;
  private final IntConsumer onMove;
  private final Timer failover;
  private final Timer returnProbe;

  // Guarded by this.
  private int best;
  private final Map<Integer, Duration> latencies;
  private final Set<Integer> down = new HashSet<>();
  private int returnStreak;
  private boolean failoverArmed;
  private boolean closed;

  /**
   * Watches {@code relays}, whose current home is the best region; {@code latencies} are the
   * regions' measured latencies (missing: unmeasured); {@code onMove} hears each new home region.
   */
  public HomeRegion(
      DerpRelays relays, Map<Integer, Duration> latencies, Clock clock, IntConsumer onMove) {
    this.relays = relays;
    this.best = relays.home();
    this.latencies = new HashMap<>(latencies);
    this.onMove = onMove;
    this.failover = clock.newTimer("derp-failover", this::onFailoverTimer);
    this.returnProbe = clock.newTimer("derp-return-probe", this::probeBest);
    relays.setRegionListener(this);
  }

  /** Starts watching: a home relay that never connects counts as down from now. */
  public void start() {
    armFailover();
  }

  private synchronized void armFailover() {
    failoverArmed = true;
    failover.mod(FAILOVER_AFTER);
  }

  /** The region home returns to. */
  public synchronized int best() {
    return best;
  }

  @Override
  public void onRegionUp(int region) {
    synchronized (this) {
      down.remove(region);
      if (region == relays.home()) {
        failoverArmed = false;
        failover.cancel();
      }
    }
  }

  @Override
  public void onRegionDown(int region, String reason) {
    synchronized (this) {
      if (closed) {
        return;
      }
      down.add(region);
      // Armed once per outage: later failed redials must not push the move further out.
      if (region != relays.home() || failoverArmed) {
        return;
      }
      armFailover();
    }
    LOG.info(() -> "DERP home region " + region + " is unreachable: " + reason);
  }

  /** Applies a new DERP map to the relays and moves home at once if the map dropped it. */
  public void setRegions(RelayRegions regions) {
    if (regions.isEmpty()) {
      LOG.warning("ignoring a DERP map without relay regions");
      return;
    }
    boolean homeKept = relays.setRegions(regions);
    synchronized (this) {
      if (regions.url(best) == null) {
        best = homeKept ? relays.home() : 0;
      }
    }
    if (!homeKept) {
      LOG.info(() -> "the DERP map no longer has home region " + relays.home());
      moveToNext();
    }
  }

  private void onFailoverTimer() {
    synchronized (this) {
      failoverArmed = false;
    }
    if (!relays.isConnected(relays.home())) {
      moveToNext();
    }
  }

  /** Home moves to the best region that is neither home nor known to be down. */
  private void moveToNext() {
    int next;
    synchronized (this) {
      if (closed) {
        return;
      }
      int home = relays.home();
      RelayRegions all = relays.regions();
      next =
          all.regions().values().stream()
              .filter(r -> r.id() != home && !down.contains(r.id()))
              .min(
                  Comparator.comparing(RelayRegion::avoid)
                      .thenComparing(r -> latencies.getOrDefault(r.id(), Duration.ofDays(1)))
                      .thenComparingInt(RelayRegion::id))
              .map(RelayRegion::id)
              .orElse(0);
      if (next == 0) {
        // Nothing else to try: forget which ones failed and retry them all after the wait.
        down.clear();
      }
      if (best == 0) {
        best = next;
      }
    }
    if (next == 0) {
      LOG.warning("no other DERP region to move to; waiting for the relays to come back");
      armFailover();
      return;
    }
    move(next);
  }

  private void move(int region) {
    if (!relays.setHome(region)) {
      return;
    }
    boolean away;
    synchronized (this) {
      returnStreak = 0;
      away = region != best;
    }
    LOG.info(
        () ->
            "DERP home moved to region "
                + region
                + (away ? " (fail-over; the best region is unreachable)" : " (the best region)"));
    // If the new home cannot be reached either, the next region is tried after the same wait.
    armFailover();
    if (away) {
      returnProbe.mod(RETURN_PROBE_EVERY);
    } else {
      returnProbe.cancel();
    }
    onMove.accept(region);
  }

  private void probeBest() {
    int target;
    synchronized (this) {
      if (closed || best == relays.home() || best == 0) {
        return;
      }
      target = best;
    }
    CompletableFuture<Duration> f = relays.probe(target, PROBE_BUDGET);
    f.whenComplete((d, e) -> afterProbe(target, e == null && d != null));
  }

  private void afterProbe(int region, boolean answered) {
    boolean back;
    synchronized (this) {
      if (closed || region != best) {
        return;
      }
      if (answered) {
        down.remove(region);
        returnStreak++;
      } else {
        returnStreak = 0;
      }
      back = returnStreak >= RETURN_AFTER;
      int streak = returnStreak;
      LOG.fine(() -> "DERP region " + region + " probe " + (answered ? "answered" : "failed"));
      if (!back) {
        returnProbe.mod(RETURN_PROBE_EVERY);
      } else {
        LOG.info(() -> "DERP region " + region + " answered " + streak + " probes in a row");
      }
    }
    if (back) {
      move(region);
    }
  }

  /** Stops the timers. */
  public void close() {
    synchronized (this) {
      closed = true;
    }
    failover.cancel();
    returnProbe.cancel();
  }
}
