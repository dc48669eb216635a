// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import dev.coderdesktop.tunnel.derp.RelayRegion;
import dev.coderdesktop.tunnel.derp.RelayRegions;
import dev.coderdesktop.tunnel.transport.NetPolicy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the engine needs to join a deployment's tailnet, gathered beforehand from the REST API.
 * Immutable; {@link #toString()} hides the token.
 *
 * @param deployment the deployment's base URL
 * @param sessionToken the user's session token
 * @param headers extra literal HTTP headers for every request
 * @param ownerId the signed-in user's id (whose workspaces to follow)
 * @param ownerName the signed-in user's name (for hostnames)
 * @param hostnameSuffix the DNS suffix, usually {@code coder}
 * @param derpUrl the home DERP relay, e.g. {@code https://coder.example.com/derp}
 * @param derpRegion the home region's id, advertised as our preferred DERP
 * @param derpWebsockets whether the deployment requires DERP over websockets
 * @param derpRegionNames region names by id, for status (missing: "Unnamed id")
 * @param derpLatencies measured latencies to regions by id, advertised in our node
 * @param net how connections to the deployment and its relays are dialled (trust, proxy)
 * @param stunServers the DERP map's STUN servers, resolved, for our direct endpoints
 * @param directDisabled stay on DERP: no UDP socket, no endpoints advertised or used (the
 *     deployment's {@code disable_direct_connections}, or the user's choice)
 * @param derpRegions every relay region of the DERP map (peers homed elsewhere are reached through
 *     theirs, and home fails over to them); null: the home region alone
 */
public record ConnectConfig(
    URI deployment,
    String sessionToken,
    Map<String, String> headers,
    UUID ownerId,
    String ownerName,
    String hostnameSuffix,
    URI derpUrl,
    int derpRegion,
    boolean derpWebsockets,
    Map<Integer, String> derpRegionNames,
    Map<Integer, Duration> derpLatencies,
    NetPolicy net,
    List<InetSocketAddress> stunServers,
    boolean directDisabled,
    RelayRegions derpRegions) {

  /** Validates and copies. */
  public ConnectConfig {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(sessionToken, "sessionToken");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(derpUrl, "derpUrl");
    Objects.requireNonNull(net, "net");
    headers = Map.copyOf(headers);
    derpRegionNames = Map.copyOf(derpRegionNames);
    derpLatencies = Map.copyOf(derpLatencies);
    stunServers = List.copyOf(stunServers);
    if (derpRegion <= 0) {
      throw new IllegalArgumentException("a DERP region id is positive");
    }
    if (derpRegions == null || derpRegions.url(derpRegion) == null) {
      Map<Integer, RelayRegion> all =
          new java.util.HashMap<>(derpRegions == null ? Map.of() : derpRegions.regions());
      all.put(
          derpRegion,
          new RelayRegion(
              derpRegion, derpRegionNames.getOrDefault(derpRegion, ""), derpUrl, false));
      derpRegions = new RelayRegions(all);
    }
  }

  /**
   * Without region names or measured latencies, dialled with the system's defaults; direct paths
   * on, found through local addresses only (no STUN server).
   */
  public ConnectConfig(
      URI deployment,
      String sessionToken,
      Map<String, String> headers,
      UUID ownerId,
      String ownerName,
      String hostnameSuffix,
      URI derpUrl,
      int derpRegion,
      boolean derpWebsockets) {
    this(
        deployment,
        sessionToken,
        headers,
        ownerId,
        ownerName,
        hostnameSuffix,
        derpUrl,
        derpRegion,
        derpWebsockets,
        Map.of(),
        Map.of(),
        NetPolicy.system(),
        List.of(),
        false,
        null);
  }

  /** The name of region {@code id}, as Coder words an unknown one. */
  public String regionName(int id) {
    return derpRegionNames.getOrDefault(id, "Unnamed " + id);
  }

  @Override
  public String toString() {
    return "ConnectConfig[" + deployment + ", owner " + ownerName + ", derp " + derpUrl + "]";
  }
}
