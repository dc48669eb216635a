// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The relay regions of a DERP map by id (STUN-only regions and regions without a usable node left
 * out). Immutable; iteration is by region id.
 *
 * @param regions the regions by id
 */
public record RelayRegions(Map<Integer, RelayRegion> regions) {

  /** Copies, sorted by id. */
  public RelayRegions {
    regions = java.util.Collections.unmodifiableMap(new TreeMap<>(regions));
  }

  /** A single region (a configuration with one known relay). */
  public static RelayRegions of(int id, URI url) {
    return new RelayRegions(Map.of(id, new RelayRegion(id, "", url, false)));
  }

  /** The region with {@code id}, if the map has it. */
  public Optional<RelayRegion> get(int id) {
    return Optional.ofNullable(regions.get(id));
  }

  /** The relay URL of region {@code id}, or null. */
  public URI url(int id) {
    RelayRegion r = regions.get(id);
    return r == null ? null : r.url();
  }

  /** The display name of region {@code id}, as Coder words an unknown or unnamed one. */
  public String name(int id) {
    RelayRegion r = regions.get(id);
    return r == null || r.name().isBlank() ? "Unnamed " + id : r.name();
  }

  /** Whether the map has no relay region. */
  public boolean isEmpty() {
    return regions.isEmpty();
  }
}
