// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed;

import dev.coderdesktop.testbed.api.DerpRelayEndpoint;
import dev.coderdesktop.testbed.api.FaultApi;
import dev.coderdesktop.testbed.api.RegionRelay;
import dev.coderdesktop.testbed.api.RelayAddress;
import dev.coderdesktop.testbed.api.RestApi;
import dev.coderdesktop.testbed.api.WorkspaceApi;
import dev.coderdesktop.testbed.config.TestbedConfig;
import dev.coderdesktop.testbed.deployment.AgentPorts;
import dev.coderdesktop.testbed.deployment.Deployment;
import dev.coderdesktop.testbed.deployment.WorkspaceBuilds;
import dev.coderdesktop.testbed.derp.DerpServer;
import dev.coderdesktop.testbed.http.HttpServer;
import dev.coderdesktop.testbed.stun.StunServer;
import dev.coderdesktop.testbed.tailnet.Coordinator;
import dev.coderdesktop.testbed.tailnet.ResumeTokens;
import dev.coderdesktop.testbed.tailnet.TailnetEndpoint;
import dev.coderdesktop.testbed.tailnet.VirtualAgents;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.time.Clock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The testbed's server: one HTTP port carrying the REST API, the tailnet control websocket, the
 * agents' coordination websocket and the DERP relay, over one {@link Deployment}, and a STUN server
 * on a UDP port of the same address (unless the deployment disables direct connections). With more
 * than one relay region, each extra region is a {@link RegionRelay} on a port of its own. It runs
 * no agent processes itself ({@code TestbedMain} starts those in network namespaces); agents of the
 * {@code virtual} shape exist only in its coordinator ({@link VirtualAgents}).
 *
 * <p>Thread-safe after {@link #start}.
 */
public final class Testbed implements AutoCloseable {

  /** How long each phase of a workspace build takes (pending, then starting or stopping). */
  private static final java.time.Duration BUILD_STEP = java.time.Duration.ofMillis(400);

  private final Deployment deployment;
  private final Coordinator coordinator = new Coordinator();
  private final DerpServer relay;
  private final HttpServer http = new HttpServer();
  private final Clock clock;
  private final ResumeTokens resumeTokens;
  private volatile URI url;
  private volatile RelayAddress relays;
  private volatile StunServer stun;
  private final java.util.Map<Integer, RegionRelay> extraRegions = new java.util.LinkedHashMap<>();
  private final WorkspaceBuilds builds;
  private volatile AgentPorts agentPorts = AgentPorts.NONE;

  /** A testbed for {@code config}; nothing listens until {@link #start}. */
  public Testbed(TestbedConfig config, Clock clock) {
    this(config, clock, ResumeTokens.DEFAULT_EXPIRY);
  }

  /** As above, with resume tokens that expire after {@code resumeTokenExpiry}. */
  public Testbed(TestbedConfig config, Clock clock, java.time.Duration resumeTokenExpiry) {
    this.deployment = new Deployment(config);
    this.relay = new DerpServer(X25519.generatePrivateKey(), clock);
    this.clock = clock;
    this.resumeTokens = new ResumeTokens(clock, resumeTokenExpiry);
    this.builds = new WorkspaceBuilds(deployment, clock, BUILD_STEP);
  }

  /** Where the listening ports of running agents come from (the fleet, once it runs). */
  public void agentPorts(AgentPorts source) {
    this.agentPorts = source;
  }

  /** Workspace builds (for tests: queue a failure). */
  public WorkspaceBuilds builds() {
    return builds;
  }

  /** As above, serving {@code relayRegions} DERP regions (1 or more). */
  public Testbed(
      TestbedConfig config, Clock clock, java.time.Duration resumeTokenExpiry, int relayRegions) {
    this(config, clock, resumeTokenExpiry);
    if (relayRegions < 1 || relayRegions > 9) {
      throw new IllegalArgumentException("1 to 9 relay regions");
    }
    for (int i = 0; i + 1 < relayRegions; i++) {
      int id = RelayAddress.extraRegionId(i);
      extraRegions.put(id, new RegionRelay(id, clock));
    }
  }

  /**
   * Listens on {@code listen} and tells clients to reach it at {@code advertiseHost} (an address
   * every namespace can reach); returns the deployment URL.
   */
  public URI start(InetSocketAddress listen, String advertiseHost) throws IOException {
    return start(listen, advertiseHost, null);
  }

  /** Listens on a free port of 127.0.0.1, for clients on this machine; returns the URL. */
  public URI startOnLoopback() throws IOException {
    return start(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1");
  }

  /**
   * As {@link #start(InetSocketAddress, String)}; with a {@code tls} context everything (REST,
   * websockets, the relay) is served over HTTPS with its certificate, and the URL and DERP map say
   * so.
   */
  public URI start(InetSocketAddress listen, String advertiseHost, SSLContext tls)
      throws IOException {
    if (tls != null) {
      http.secure(tls);
    }
    // The relay's address needs the port, so listen first; nobody knows the URL until we return
    // it, so no request can arrive before the routes are in place.
    int port = http.listen(listen);
    int stunPort = 0;
    if (!deployment.config().disableDirectConnections()) {
      stun = StunServer.start(new InetSocketAddress(listen.getAddress(), 0));
      stunPort = stun.address().getPort();
    }
    java.util.List<Integer> extraPorts = new java.util.ArrayList<>();
    for (RegionRelay r : extraRegions.values()) {
      extraPorts.add(r.start(new InetSocketAddress(listen.getAddress(), 0), tls));
    }
    RelayAddress relayAddress =
        new RelayAddress(advertiseHost, port, stunPort, tls != null, extraPorts);
    TailnetEndpoint tailnet =
        new TailnetEndpoint(deployment, coordinator, relayAddress::proto, resumeTokens);
    http.route("GET /api/v2/tailnet", tailnet::serveClient)
        .route("GET /api/v2/workspaceagents/me/coordinate", tailnet::serveAgent);
    DerpRelayEndpoint relayEndpoint = new DerpRelayEndpoint(relay, clock);
    relayEndpoint.register(http);
    new FaultApi(http, relayEndpoint, extraRegions, clock).register(http);
    String host = advertiseHost.contains(":") ? "[" + advertiseHost + "]" : advertiseHost;
    url = URI.create((tls == null ? "http://" : "https://") + host + ":" + port);
    relays = relayAddress;
    RestApi rest = new RestApi(deployment, () -> url.toString(), relayAddress);
    rest.register(http);
    new WorkspaceApi(deployment, builds, agent -> agentPorts.of(agent), rest).register(http);
    new VirtualAgents(deployment, coordinator, clock).start();
    return url;
  }

  /** The deployment URL (after {@link #start}). */
  public URI url() {
    return url;
  }

  /** The live deployment (users, tokens, workspaces). */
  public Deployment deployment() {
    return deployment;
  }

  /** The coordinator (for tests). */
  public Coordinator coordinator() {
    return coordinator;
  }

  /** The STUN server, absent when the deployment disables direct connections. */
  public Optional<StunServer> stun() {
    return Optional.ofNullable(stun);
  }

  /** Every relay region's {@code /derp} URL by id, the testbed's own first (after start). */
  public java.util.Map<Integer, URI> relayUrls() {
    RelayAddress a = relays;
    java.util.Map<Integer, URI> out = new java.util.LinkedHashMap<>();
    a.relayPorts()
        .forEach(
            (id, p) ->
                out.put(
                    id,
                    dev.coderdesktop.tunnel.derp.RelayRegion.relayUrl(
                        a.host(), null, null, p, !a.tls())));
    return out;
  }

  /** The extra relay regions by id (for tests). */
  public java.util.Map<Integer, RegionRelay> extraRegions() {
    return java.util.Collections.unmodifiableMap(extraRegions);
  }

  /** The DERP relay (for tests). */
  public DerpServer relay() {
    return relay;
  }

  @Override
  public void close() {
    http.close();
    relay.close();
    extraRegions.values().forEach(RegionRelay::close);
    StunServer s = stun;
    if (s != null) {
      s.close();
    }
  }
}
