// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import dev.coderdesktop.tunnel.derp.RelayRegion;
import dev.coderdesktop.tunnel.derp.RelayRegions;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A deployment's DERP relays as the engine uses them: the home relay it dials first, every region
 * of the map (peers homed elsewhere are reached through theirs, and home fails over to them), and
 * what status shows about them. Immutable.
 *
 * @param homeUrl the home relay, e.g. {@code https://coder.example.com/derp}
 * @param homeRegion the home region's id, advertised as our preferred DERP
 * @param websockets whether the deployment requires DERP over websockets
 * @param regionNames region names by id, for status (missing: "Unnamed id")
 * @param latencies measured latencies to regions by id, advertised in our node
 * @param regions every relay region of the DERP map, the home region always among them (given null
 *     or without it: the home region is added, named from {@code regionNames})
 */
public record DerpSettings(
    URI homeUrl,
    int homeRegion,
    boolean websockets,
    Map<Integer, String> regionNames,
    Map<Integer, Duration> latencies,
    RelayRegions regions) {

  /** Validates and copies. */
  public DerpSettings {
    Objects.requireNonNull(homeUrl, "homeUrl");
    if (homeRegion <= 0) {
      throw new IllegalArgumentException("a DERP region id is positive");
    }
    regionNames = Map.copyOf(regionNames);
    latencies = Map.copyOf(latencies);
    if (regions == null || regions.url(homeRegion) == null) {
      Map<Integer, RelayRegion> all = new HashMap<>(regions == null ? Map.of() : regions.regions());
      all.put(
          homeRegion,
          new RelayRegion(homeRegion, regionNames.getOrDefault(homeRegion, ""), homeUrl, false));
      regions = new RelayRegions(all);
    }
  }

  /** The home relay alone: no other regions, names or measured latencies. */
  public static DerpSettings home(URI url, int region, boolean websockets) {
    return new DerpSettings(url, region, websockets, Map.of(), Map.of(), null);
  }

  /** The name of region {@code id}, as Coder words an unknown one. */
  public String regionName(int id) {
    return regionNames.getOrDefault(id, "Unnamed " + id);
  }
}
