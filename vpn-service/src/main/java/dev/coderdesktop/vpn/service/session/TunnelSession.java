// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.tunnel.connect.ConnectListener;
import dev.coderdesktop.tunnel.connect.EngineFailure;
import dev.coderdesktop.tunnel.control.AgentHostnames;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.tun.TunDevice;
import dev.coderdesktop.vpn.service.dns.HostTable;
import dev.coderdesktop.vpn.service.dns.SystemResolver;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One connection to a deployment: signs in, creates the TUN device with the resolver's address and
 * ours and the route for {@code fd60:627a:a42b::/48}, serves the agents' names on the resolver
 * address, and runs the engine. Every step that acquires something registers its release in a
 * {@link Teardown}: a step that fails (with any exception) releases what the earlier ones acquired
 * before {@link #open} throws, and {@link #close()} releases all of it.
 *
 * <p>Thread-safe. Agent changes are reported on engine threads.
 */
public final class TunnelSession implements Session {

  private static final Logger LOG = Logger.getLogger(TunnelSession.class.getName());

  /** The TUN device's MTU: what the engine pads and encrypts for a DERP frame. */
  static final int MTU = 1280;

  /**
   * How long a Start waits for every agent to get a peer: the coordinator relays our node and the
   * agents' answers in tens of milliseconds, and an agent that is offline never answers.
   */
  static final Duration FIRST_REACH = Duration.ofSeconds(1);

  private static final Duration FIRST_REACH_BACKSTOP = Duration.ofSeconds(3);

  private final String ifname;
  private final Engine engine;
  private final Teardown teardown;
  private final SignedIn signedIn;
  private final String warning;
  private final SystemResolver.Applied dnsSetup;

  private TunnelSession(
      String ifname,
      Engine engine,
      Teardown teardown,
      SignedIn signedIn,
      String warning,
      SystemResolver.Applied dnsSetup) {
    this.dnsSetup = dnsSetup;
    this.ifname = ifname;
    this.engine = engine;
    this.teardown = teardown;
    this.signedIn = signedIn;
    this.warning = warning;
  }

  /** Signs in and brings everything up; on any failure nothing is left behind. */
  public static TunnelSession open(
      Session.StartParams params, String iface, SessionPlatform platform, Listener listener)
      throws SignInException {
    SignedIn in;
    try {
      in = platform.signIn(params);
    } catch (RuntimeException e) {
      throw new SignInException(
          SignInException.Kind.SYSTEM, "internal error while signing in: " + e);
    }
    Teardown teardown = new Teardown();
    try {
      return bringUp(in, iface, platform, listener, teardown);
    } catch (IOException | RuntimeException e) {
      int failed = teardown.run();
      LOG.warning(
          "start failed and was undone"
              + (failed == 0 ? "" : " (" + failed + " releases failed)")
              + ": "
              + e);
      throw new SignInException(
          SignInException.Kind.SYSTEM,
          e instanceof IOException
              ? e.getMessage()
              : "internal error while starting: " + e.getClass().getSimpleName() + " " + e);
    }
  }

  private static TunnelSession bringUp(
      SignedIn in, String iface, SessionPlatform platform, Listener listener, Teardown teardown)
      throws IOException {
    String suffix = in.config().hostnameSuffix();
    TunDevice tun = platform.openTun(iface, MTU);
    // Closing the device also removes its addresses and routes.
    teardown.add("TUN device " + tun.name(), tun::close);
    String name = tun.name();
    // The resolver's address is deprecated (preferred_lft 0) and the route names our own address
    // as the source: agents accept packets only from the address in our node, and the kernel
    // would otherwise pick whichever of the two shares the longer prefix with the destination.
    platform.addAddress(name, TailnetAddresses.DNS_ADDRESS, true);
    // The kernel must not hand us packets larger than the engine pads and encrypts.
    platform.bringUp(name, tun.mtu());
    NameServer names =
        platform.serveNames(
            new InetSocketAddress(TailnetAddresses.DNS_ADDRESS, 53), table(suffix, List.of()));
    teardown.add("DNS shim", names::close);
    Engine engine =
        platform.newEngine(
            in.config(),
            tun,
            new ConnectListener() {
              @Override
              public void onAgents(List<AgentView> agents) {
                names.setTable(table(suffix, agents));
                listener.onAgents(agents);
              }

              @Override
              public void onFatal(EngineFailure failure) {
                listener.onFatal(failure.message());
              }
            });
    teardown.add("engine", engine::close);
    platform.addAddress(name, engine.address(), false);
    platform.addRoute(name, engine.address());
    String warning = platform.applyResolver(name, TailnetAddresses.DNS_ADDRESS_TEXT, suffix);
    teardown.add("resolver configuration", () -> platform.revertResolver(name));
    engine.start();
    // Start answers when the agents' names resolve and a first packet to each is carried, so that
    // `coder-desktop up && ssh ws.coder` neither fails to resolve nor loses its first SYN. The
    // engine's clock bounds the wait; the second bound holds should that clock's thread stall.
    if (!engine
        .firstReach(FIRST_REACH)
        .completeOnTimeout(false, FIRST_REACH_BACKSTOP.toMillis(), TimeUnit.MILLISECONDS)
        .join()) {
      LOG.info("started before every agent had a peer (an agent offline, or a slow coordinator)");
    }
    return new TunnelSession(
        name, engine, teardown, in, warning, platform.resolverSetup().orElse(null));
  }

  /** The server's version. */
  public String serverVersion() {
    return signedIn.serverVersion();
  }

  /** The signed-in user. */
  public String username() {
    return signedIn.username();
  }

  /** The TUN device's name. */
  public String interfaceName() {
    return ifname;
  }

  /** Our tailnet address. */
  public Inet6Address address() {
    return engine.address();
  }

  @Override
  public List<AgentView> agents() {
    return engine.agents();
  }

  @Override
  public void rebind(String reason) {
    engine.rebind(reason);
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
  public java.util.Optional<SystemResolver.Applied> dns() {
    return java.util.Optional.ofNullable(dnsSetup);
  }

  @Override
  public void close() {
    int failed = teardown.run();
    if (failed > 0) {
      LOG.warning("session closed; " + failed + " releases failed (see above)");
    }
  }
}
