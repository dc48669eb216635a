// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.coder.sdk.net.Connectivity;
import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.tunnel.connect.CoderConnect;
import dev.coderdesktop.tunnel.control.AgentHostnames;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.vpn.service.dns.HostTable;
import java.io.IOException;
import java.net.Inet6Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One connection to a deployment, as root, opened in two steps: {@link DeploymentSignIn} (REST
 * sign-in and the home DERP region; nothing on this machine changes yet), then {@link HostNetwork}
 * (the TUN device, addresses, route and the {@code .coder} resolver) around the engine. {@link
 * #close()} removes all of it.
 *
 * <p>Thread-safe. Agent changes are reported on engine threads.
 */
public final class TunnelSession implements Session {

  private final SystemClock clock;
  private final HostNetwork host;
  private final CoderConnect engine;
  private final String serverVersion;
  private final String username;
  private final String warning;

  private TunnelSession(
      SystemClock clock,
      HostNetwork host,
      CoderConnect engine,
      String serverVersion,
      String username,
      String warning) {
    this.clock = clock;
    this.host = host;
    this.engine = engine;
    this.serverVersion = serverVersion;
    this.username = username;
    this.warning = warning;
  }

  /** Signs in and brings everything up; on failure nothing is left behind. */
  public static TunnelSession open(
      String url,
      String token,
      Map<String, String> headers,
      String iface,
      Consumer<List<AgentView>> onAgents)
      throws SignInException {
    return open(url, token, headers, iface, Connectivity.defaults(), onAgents);
  }

  /** As above, reaching the deployment with {@code net}'s trust and proxy. */
  public static TunnelSession open(
      String url,
      String token,
      Map<String, String> headers,
      String iface,
      Connectivity net,
      Consumer<List<AgentView>> onAgents)
      throws SignInException {
    DeploymentSignIn signedIn = DeploymentSignIn.signIn(url, token, headers, net);
    String suffix = signedIn.config().hostnameSuffix();
    SystemClock clock = new SystemClock("engine-timers");
    HostNetwork host = null;
    try {
      host = HostNetwork.up(iface, table(suffix, List.of()));
      HostNetwork names = host;
      CoderConnect engine =
          new CoderConnect(
              signedIn.config(),
              host.tun(),
              clock,
              agents -> {
                names.setNames(table(suffix, agents));
                onAgents.accept(agents);
              });
      host.route(engine.address());
      String warning = host.pointResolver(suffix);
      engine.start();
      return new TunnelSession(
          clock, host, engine, signedIn.serverVersion(), signedIn.username(), warning);
    } catch (IOException | InterruptedException e) {
      if (host != null) {
        host.close();
      }
      clock.shutdown();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new SignInException(SignInException.Kind.SYSTEM, e.getMessage());
    }
  }

  /** The server's version. */
  public String serverVersion() {
    return serverVersion;
  }

  /** The signed-in user. */
  public String username() {
    return username;
  }

  /** The TUN device's name. */
  public String interfaceName() {
    return host.tun().name();
  }

  /** Our tailnet address. */
  public Inet6Address address() {
    return engine.address();
  }

  @Override
  public List<AgentView> agents() {
    return engine.agents();
  }

  /** The DNS table for the agents, plus the name that tells clients Coder Connect is on. */
  static HostTable table(String suffix, List<AgentView> agents) {
    Map<String, List<Inet6Address>> names = new HashMap<>();
    for (AgentView a : agents) {
      for (String h : a.hostnames()) {
        names.put(h, List.of(a.address()));
      }
    }
    names.put(
        AgentHostnames.CONNECT_PROBE_LABEL + "." + suffix, List.of(TailnetAddresses.DNS_ADDRESS));
    return HostTable.of(suffix, names);
  }

  @Override
  public String warning() {
    return warning;
  }

  @Override
  public void close() {
    engine.close();
    host.close();
    clock.shutdown();
  }
}
