// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import dev.coderdesktop.tunnel.transport.NetPolicy;
import java.net.InetSocketAddress;
import java.net.URI;
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
 * @param derp the deployment's DERP relays
 * @param net how connections to the deployment and its relays are dialled (trust, proxy)
 * @param stunServers the DERP map's STUN servers, resolved, for our direct endpoints
 * @param directDisabled stay on DERP: no UDP socket, no endpoints advertised or used (the
 *     deployment's {@code disable_direct_connections}, or the user's choice)
 */
public record ConnectConfig(
    URI deployment,
    String sessionToken,
    Map<String, String> headers,
    UUID ownerId,
    String ownerName,
    String hostnameSuffix,
    DerpSettings derp,
    NetPolicy net,
    List<InetSocketAddress> stunServers,
    boolean directDisabled) {

  /** Validates and copies. */
  public ConnectConfig {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(sessionToken, "sessionToken");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(derp, "derp");
    Objects.requireNonNull(net, "net");
    headers = Map.copyOf(headers);
    stunServers = List.copyOf(stunServers);
  }

  /** Dialled with the system's defaults; direct paths on, found through local addresses only. */
  public ConnectConfig(
      URI deployment,
      String sessionToken,
      Map<String, String> headers,
      UUID ownerId,
      String ownerName,
      String hostnameSuffix,
      DerpSettings derp) {
    this(
        deployment,
        sessionToken,
        headers,
        ownerId,
        ownerName,
        hostnameSuffix,
        derp,
        NetPolicy.system(),
        List.of(),
        false);
  }

  @Override
  public String toString() {
    return "ConnectConfig["
        + deployment
        + ", owner "
        + ownerName
        + ", derp "
        + derp.homeUrl()
        + "]";
  }
}
