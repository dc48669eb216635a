// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.coder.sdk.Values;
import dev.coderdesktop.tunnel.derp.RelayRegion;
import dev.coderdesktop.tunnel.derp.RelayRegions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Picks the home DERP relay from a deployment's DERP map. Each region that is not STUN-only is
 * represented by its first relay node; {@link #chooseByLatency} probes them all at once and takes
 * the lowest latency (ties to the lower region id), and falls back to the lowest region id when no
 * relay answers, which is also what {@link #choose} does without probing. Immutable.
 *
 * @param regionId the chosen region
 * @param url the relay's {@code /derp} URL
 * @param regionNames every region's display name by id
 * @param latencies the measured latency of each region that answered (empty without probing)
 */
public record DerpSelection(
    int regionId, URI url, Map<Integer, String> regionNames, Map<Integer, Duration> latencies) {

  private static final Logger LOG = Logger.getLogger(DerpSelection.class.getName());

  /** Copies. */
  public DerpSelection {
    regionNames = Map.copyOf(regionNames);
    latencies = Map.copyOf(latencies);
  }

  /** A region's relay as a probe target. */
  private record Candidate(int regionId, URI url) {}

  /** The lowest-numbered region's relay, or empty when the map has none. */
  public static Optional<DerpSelection> choose(Values.DerpMap map) {
    List<Candidate> c = candidates(map);
    if (c.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new DerpSelection(c.get(0).regionId(), c.get(0).url(), names(map), Map.of()));
  }

  /**
   * Probes every region's relay with {@code probe} (which must bound its own time) and picks the
   * fastest; empty when the map has no relay.
   */
  public static Optional<DerpSelection> chooseByLatency(
      Values.DerpMap map, Function<URI, CompletableFuture<Duration>> probe) {
    List<Candidate> cs = candidates(map);
    if (cs.isEmpty()) {
      return Optional.empty();
    }
    List<CompletableFuture<Duration>> running = new ArrayList<>();
    for (Candidate c : cs) {
      running.add(probe.apply(c.url()));
    }
    Map<Integer, Duration> latencies = new HashMap<>();
    Candidate best = null;
    for (int i = 0; i < cs.size(); i++) {
      Duration d;
      try {
        d = running.get(i).join();
      } catch (CompletionException | java.util.concurrent.CancellationException e) {
        Candidate c = cs.get(i);
        LOG.info(() -> "DERP region " + c.regionId() + " did not answer: " + e.getMessage());
        continue;
      }
      if (d == null) {
        continue;
      }
      Candidate c = cs.get(i);
      latencies.put(c.regionId(), d);
      if (best == null || d.compareTo(latencies.get(best.regionId())) < 0) {
        best = c;
      }
    }
    Candidate chosen = best != null ? best : cs.get(0);
    LOG.info(
        () ->
            "DERP home region "
                + chosen.regionId()
                + (latencies.isEmpty()
                    ? " (no relay answered a probe)"
                    : "; latencies " + latencies));
    return Optional.of(new DerpSelection(chosen.regionId(), chosen.url(), names(map), latencies));
  }

  private static List<Candidate> candidates(Values.DerpMap map) {
    if (map == null || map.regions() == null) {
      return List.of();
    }
    return map.regions().values().stream()
        .filter(r -> r.nodes() != null)
        .sorted(Comparator.comparingInt(Values.DerpRegion::regionId))
        .flatMap(
            r ->
                r.nodes().stream()
                    .filter(n -> !n.stunOnly() && url(n) != null)
                    .limit(1)
                    .map(n -> new Candidate(r.regionId(), url(n))))
        .toList();
  }

  private static Map<Integer, String> names(Values.DerpMap map) {
    Map<Integer, String> out = new HashMap<>();
    for (Values.DerpRegion r : map.regions().values()) {
      if (r.regionName() != null && !r.regionName().isBlank()) {
        out.put(r.regionId(), r.regionName());
      }
    }
    return out;
  }

  private static URI url(Values.DerpNode n) {
    return RelayRegion.relayUrl(n.hostName(), n.ipv4(), n.ipv6(), n.derpPort(), n.forceHttp());
  }

  /** Every region with a relay, for the engine (peers' home regions, fail-over). */
  public static RelayRegions regions(Values.DerpMap map) {
    Map<Integer, String> names = names(map);
    Map<Integer, RelayRegion> out = new HashMap<>();
    for (Candidate c : candidates(map)) {
      out.put(
          c.regionId(),
          new RelayRegion(c.regionId(), names.getOrDefault(c.regionId(), ""), c.url(), false));
    }
    return new RelayRegions(out);
  }
}
