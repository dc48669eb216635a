// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Immutable values of the Coder REST API, named as the JSON names them. */
public final class Values {

  private Values() {}

  /**
   * The list without nulls (JSON {@code null} or {@code [null]} from a broken server); for every
   * JSON shape of this SDK.
   */
  public static <T> List<T> present(List<T> list) {
    return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
  }

  /** Fails decoding (as not a Coder server) when a field every Coder server sends is missing. */
  static <T> T required(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value;
  }

  /**
   * {@code GET /api/v2/buildinfo}.
   *
   * @param version the server version, e.g. {@code v2.24.1+abc}
   * @param dashboardUrl the dashboard's URL
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record BuildInfo(
      @JsonProperty("version") String version, @JsonProperty("dashboard_url") String dashboardUrl) {

    /** Requires the version. */
    public BuildInfo {
      required(version, "version");
    }
  }

  /**
   * {@code GET /api/v2/users/me}.
   *
   * @param id the user's id
   * @param username the user name (owner part of hostnames)
   * @param email email
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record User(
      @JsonProperty("id") UUID id,
      @JsonProperty("username") String username,
      @JsonProperty("email") String email) {

    /** Requires the id and the user name. */
    public User {
      required(id, "id");
      required(username, "username");
    }
  }

  /**
   * {@code GET /api/v2/workspaceagents/connection}.
   *
   * @param derpMap the relays
   * @param derpForceWebsockets whether to reach DERP over websockets only
   * @param disableDirectConnections whether peer-to-peer paths are forbidden
   * @param hostnameSuffix the DNS suffix ("coder" when the server does not say)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AgentConnectionInfo(
      @JsonProperty("derp_map") DerpMap derpMap,
      @JsonProperty("derp_force_websockets") boolean derpForceWebsockets,
      @JsonProperty("disable_direct_connections") boolean disableDirectConnections,
      @JsonProperty("hostname_suffix") String hostnameSuffix) {

    /** Applies the default suffix. */
    public AgentConnectionInfo {
      required(derpMap, "derp_map");
      if (hostnameSuffix == null || hostnameSuffix.isBlank()) {
        hostnameSuffix = "coder";
      }
    }
  }

  /**
   * Tailscale's DERP map JSON (Coder's fork).
   *
   * @param regions by region id
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DerpMap(@JsonProperty("Regions") Map<String, DerpRegion> regions) {

    /** No regions when none are given; null regions dropped. */
    public DerpMap {
      Map<String, DerpRegion> out = new LinkedHashMap<>();
      if (regions != null) {
        regions.forEach(
            (k, v) -> {
              if (k != null && v != null) {
                out.put(k, v);
              }
            });
      }
      regions = Collections.unmodifiableMap(out);
    }
  }

  /**
   * A DERP region.
   *
   * @param regionId id
   * @param regionCode short code
   * @param regionName display name
   * @param embeddedRelay whether coderd itself relays
   * @param nodes servers, in order of preference
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DerpRegion(
      @JsonProperty("RegionID") int regionId,
      @JsonProperty("RegionCode") String regionCode,
      @JsonProperty("RegionName") String regionName,
      @JsonProperty("EmbeddedRelay") boolean embeddedRelay,
      @JsonProperty("Nodes") List<DerpNode> nodes) {

    /** No nodes when none are given; null nodes dropped. */
    public DerpRegion {
      nodes = present(nodes);
    }
  }

  /**
   * A DERP server.
   *
   * @param name name
   * @param regionId region
   * @param hostName host (TLS name and DNS name)
   * @param ipv4 forced IPv4 address, if any
   * @param ipv6 forced IPv6 address, if any
   * @param derpPort port (0 means 443)
   * @param stunPort STUN port (0 means 3478, -1 none)
   * @param stunOnly whether it only does STUN
   * @param forceHttp plain HTTP (test and http:// deployments)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DerpNode(
      @JsonProperty("Name") String name,
      @JsonProperty("RegionID") int regionId,
      @JsonProperty("HostName") String hostName,
      @JsonProperty("IPv4") String ipv4,
      @JsonProperty("IPv6") String ipv6,
      @JsonProperty("DERPPort") int derpPort,
      @JsonProperty("STUNPort") int stunPort,
      @JsonProperty("STUNOnly") boolean stunOnly,
      @JsonProperty("ForceHTTP") boolean forceHttp) {}

  /**
   * The body of a Coder error response.
   *
   * @param message what went wrong
   * @param detail more detail
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ErrorBody(
      @JsonProperty("message") String message, @JsonProperty("detail") String detail) {}
}
