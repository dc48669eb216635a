// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.Values;
import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.tunnel.connect.CoderConnect;
import dev.coderdesktop.tunnel.connect.ConnectConfig;
import dev.coderdesktop.tunnel.connect.ConnectListener;
import dev.coderdesktop.tunnel.control.AgentHostnames;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.derp.DerpProbe;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.tun.linux.LinuxTun;
import dev.coderdesktop.vpn.service.dns.DnsShim;
import dev.coderdesktop.vpn.service.dns.HostTable;
import dev.coderdesktop.vpn.service.dns.SystemResolver;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One connection to a deployment, as root: signs in with the REST API (version and token checks),
 * picks the home DERP region by probing every region's relay (at most two seconds), creates the TUN
 * device with our address, the resolver address and the route for {@code fd60:627a:a42b::/48},
 * serves the agents' names on the resolver address, and runs the engine. {@link #close()} removes
 * all of it (closing the TUN device takes its addresses and route along).
 *
 * <p>Thread-safe. Agent changes are reported on engine threads.
 */
public final class TunnelSession implements Session {

  /** How long the relay latency probes may take at sign-in, all regions at once. */
  private static final java.time.Duration PROBE_BUDGET = java.time.Duration.ofSeconds(2);

  private final SystemClock clock;
  private final LinuxTun tun;
  private final CoderConnect engine;
  private final DnsShim dns;
  private final String serverVersion;
  private final String username;
  private final SystemResolver resolver;
  private final SystemResolver.Applied dnsSetup;
  private final String warning;

  private TunnelSession(
      SystemClock clock,
      LinuxTun tun,
      CoderConnect engine,
      DnsShim dns,
      String serverVersion,
      String username,
      SystemResolver resolver,
      SystemResolver.Applied dnsSetup,
      String warning) {
    this.resolver = resolver;
    this.dnsSetup = dnsSetup;
    this.warning = warning;
    this.clock = clock;
    this.tun = tun;
    this.engine = engine;
    this.dns = dns;
    this.serverVersion = serverVersion;
    this.username = username;
  }

  /** Signs in and brings everything up; on failure nothing is left behind. */
  public static TunnelSession open(
      String url,
      String token,
      Map<String, String> headers,
      String iface,
      SystemResolver resolver,
      Consumer<List<AgentView>> onAgents)
      throws SignInException {
    ConnectConfig config;
    String version;
    String user;
    try {
      SessionToken t = SessionToken.of(token);
      CoderClient api = new CoderClient(DeploymentUrl.parse(url), t, headers);
      version = api.checkVersion().toString();
      Values.User me = api.me();
      user = me.username();
      Values.AgentConnectionInfo info = api.agentConnectionInfo();
      SystemClock probeClock = new SystemClock("derp-probe");
      Optional<DerpSelection> chosen;
      try {
        chosen =
            DerpSelection.chooseByLatency(
                info.derpMap(),
                relay ->
                    DerpProbe.measure(
                        relay, Map.of(), info.derpForceWebsockets(), probeClock, PROBE_BUDGET));
      } finally {
        probeClock.shutdown();
      }
      DerpSelection derp =
          chosen.orElseThrow(
              () ->
                  new SignInException(
                      SignInException.Kind.REFUSED, "the deployment offers no DERP relay"));
      config =
          new ConnectConfig(
              api.url().uri(),
              t.reveal(),
              headers,
              me.id(),
              me.username(),
              info.hostnameSuffix(),
              derp.url(),
              derp.regionId(),
              info.derpForceWebsockets(),
              derp.regionNames(),
              derp.latencies());
    } catch (CoderException.Unreachable e) {
      throw new SignInException(SignInException.Kind.UNREACHABLE, e.getMessage());
    } catch (CoderException | DeploymentUrl.InvalidException | IllegalArgumentException e) {
      throw new SignInException(SignInException.Kind.REFUSED, e.getMessage());
    }

    LinuxTun tun = null;
    DnsShim dns = null;
    SystemClock clock = new SystemClock("engine-timers");
    try {
      tun = LinuxTun.open(iface, 1280);
      String suffix = config.hostnameSuffix();
      DnsShim[] dnsRef = new DnsShim[1];
      CoderConnect engine =
          new CoderConnect(
              config,
              tun,
              clock,
              new ConnectListener() {
                @Override
                public void onAgents(List<AgentView> agents) {
                  DnsShim d = dnsRef[0];
                  if (d != null) {
                    d.setTable(table(suffix, agents));
                  }
                  onAgents.accept(agents);
                }
              });
      String addr = engine.address().getHostAddress();
      String dnsAddr = TailnetAddresses.DNS_ADDRESS.getHostAddress();
      run("ip", "-6", "addr", "add", addr + "/128", "dev", tun.name(), "nodad");
      // The resolver's address is deprecated (preferred_lft 0) and the route names our own address
      // as the source: agents accept packets only from the address in our node, and the kernel
      // would otherwise pick whichever of the two shares the longer prefix with the destination.
      run(
          "ip",
          "-6",
          "addr",
          "add",
          dnsAddr + "/128",
          "dev",
          tun.name(),
          "nodad",
          "preferred_lft",
          "0");
      // The kernel must not hand us packets larger than the engine pads and encrypts.
      run("ip", "link", "set", tun.name(), "mtu", String.valueOf(tun.mtu()), "up");
      run(
          "ip",
          "-6",
          "route",
          "replace",
          "fd60:627a:a42b::/" + TailnetAddresses.PREFIX_BITS,
          "dev",
          tun.name(),
          "src",
          addr);
      dns =
          new DnsShim(
              new InetSocketAddress(TailnetAddresses.DNS_ADDRESS, 53), table(suffix, List.of()));
      dnsRef[0] = dns;
      SystemResolver.Applied applied = null;
      String warning = "";
      try {
        applied = resolver.configure(tun.name(), TailnetAddresses.DNS_ADDRESS, suffix);
        dns.setUpstreams(applied.upstreams());
      } catch (SystemResolver.UnavailableException e) {
        // The tunnel works without it (by address, or with a resolver the user points at us).
        warning = e.getMessage();
      }
      engine.start();
      return new TunnelSession(clock, tun, engine, dns, version, user, resolver, applied, warning);
    } catch (IOException | InterruptedException e) {
      resolver.revert();
      if (dns != null) {
        try {
          dns.close();
        } catch (IOException ignored) {
          // Best effort while failing.
        }
      }
      if (tun != null) {
        tun.close();
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
    return tun.name();
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

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + output.strip());
    }
  }

  @Override
  public String warning() {
    return warning;
  }

  @Override
  public Optional<SystemResolver.Applied> dns() {
    return Optional.ofNullable(dnsSetup);
  }

  @Override
  public void close() {
    resolver.revert();
    engine.close();
    try {
      dns.close();
    } catch (IOException ignored) {
      // The socket goes with the process anyway.
    }
    tun.close();
    clock.shutdown();
  }
}
