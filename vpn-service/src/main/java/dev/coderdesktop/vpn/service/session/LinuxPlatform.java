// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.coder.sdk.net.Connectivity;
import dev.coderdesktop.tunnel.connect.ConnectConfig;
import dev.coderdesktop.tunnel.connect.ConnectListener;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.tun.TunDevice;
import dev.coderdesktop.tunnel.tun.linux.LinuxTun;
import dev.coderdesktop.vpn.service.dns.DnsShim;
import dev.coderdesktop.vpn.service.dns.HostTable;
import dev.coderdesktop.vpn.service.dns.SystemResolver;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real steps, as root on Linux: the TUN device through the foreign function API, {@code ip} for
 * addresses, the link and the route, the DNS shim, the system resolver (whichever setup this
 * machine has, {@link SystemResolver}; the shim forwards other names when it becomes the only
 * server), and Coder Connect. Thread-safe; one session at a time uses it.
 */
public final class LinuxPlatform implements SessionPlatform {

  private final SystemResolver resolver;
  private final Connectivity net;
  // The shim of the running session, and how the resolver reaches it.
  private volatile DnsShim shim;
  private volatile SystemResolver.Applied applied;

  /**
   * The real steps, reaching the deployment with {@code net}'s trust roots and proxy, and
   * configuring the system resolver with {@code resolver}.
   */
  public LinuxPlatform(Connectivity net, SystemResolver resolver) {
    this.net = net;
    this.resolver = resolver;
  }

  @Override
  public SignedIn signIn(Session.StartParams params) throws SignInException {
    return DeploymentSignIn.signIn(params, net);
  }

  @Override
  public TunDevice openTun(String name, int mtu) throws IOException {
    return LinuxTun.open(name, mtu);
  }

  @Override
  public void addAddress(String ifname, Inet6Address address, boolean deprecated)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of("ip", "-6", "addr", "add", address.getHostAddress() + "/128", "dev", ifname));
    cmd.add("nodad");
    if (deprecated) {
      cmd.addAll(List.of("preferred_lft", "0"));
    }
    run(cmd);
  }

  @Override
  public void bringUp(String ifname, int mtu) throws IOException {
    run(List.of("ip", "link", "set", ifname, "mtu", String.valueOf(mtu), "up"));
  }

  @Override
  public void addRoute(String ifname, Inet6Address source) throws IOException {
    run(
        List.of(
            "ip",
            "-6",
            "route",
            "replace",
            "fd60:627a:a42b::/" + TailnetAddresses.PREFIX_BITS,
            "dev",
            ifname,
            "src",
            source.getHostAddress()));
  }

  @Override
  public NameServer serveNames(InetSocketAddress address, HostTable initial) throws IOException {
    DnsShim shim = new DnsShim(address, initial);
    this.shim = shim;
    return new NameServer() {
      @Override
      public void setTable(HostTable table) {
        shim.setTable(table);
      }

      @Override
      public void close() throws IOException {
        shim.close();
      }
    };
  }

  @Override
  public String applyResolver(String ifname, String server, String suffix) throws IOException {
    try {
      SystemResolver.Applied a = resolver.configure(ifname, InetAddress.getByName(server), suffix);
      DnsShim s = shim;
      if (s != null) {
        s.setUpstreams(a.upstreams());
      }
      applied = a;
      return "";
    } catch (SystemResolver.UnavailableException e) {
      applied = null;
      return e.getMessage();
    }
  }

  @Override
  public Optional<SystemResolver.Applied> resolverSetup() {
    return Optional.ofNullable(applied);
  }

  @Override
  public void revertResolver(String ifname) {
    applied = null;
    resolver.revert();
  }

  @Override
  public Engine newEngine(ConnectConfig config, TunDevice tun, ConnectListener listener) {
    return new CoderConnectEngine(config, tun, listener);
  }

  private static void run(List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(String.join(" ", cmd) + " interrupted");
    }
  }
}
