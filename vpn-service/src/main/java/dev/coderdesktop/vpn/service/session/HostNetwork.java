// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.tun.linux.LinuxTun;
import dev.coderdesktop.vpn.service.dns.DnsShim;
import dev.coderdesktop.vpn.service.dns.HostTable;
import dev.coderdesktop.vpn.service.dns.ResolverConfigurator;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The second step of a session, what it changes on this machine: the TUN device with the resolver's
 * address, the {@code .coder} resolver serving on it, our own address with the route for {@code
 * fd60:627a:a42b::/48}, and the system resolver pointed at us. {@link #close()} undoes all of it
 * (closing the TUN device takes its addresses and route along).
 *
 * <p>Set up on one thread; {@link #setNames} may then be called from any thread.
 */
final class HostNetwork implements AutoCloseable {

  private final LinuxTun tun;
  private final DnsShim dns;
  private final ResolverConfigurator resolver = ResolverConfigurator.system();

  private HostNetwork(LinuxTun tun, DnsShim dns) {
    this.tun = tun;
    this.dns = dns;
  }

  /**
   * Creates the TUN device {@code iface} (MTU 1280) with the resolver's address, brings it up and
   * serves {@code names} there. On failure nothing is left behind.
   */
  static HostNetwork up(String iface, HostTable names) throws IOException, InterruptedException {
    LinuxTun tun = LinuxTun.open(iface, 1280);
    try {
      // The resolver's address is deprecated (preferred_lft 0), so the kernel never picks it as a
      // source: agents accept packets only from the address in our node.
      run(
          "ip",
          "-6",
          "addr",
          "add",
          TailnetAddresses.DNS_ADDRESS.getHostAddress() + "/128",
          "dev",
          tun.name(),
          "nodad",
          "preferred_lft",
          "0");
      // The kernel must not hand us packets larger than the engine pads and encrypts.
      run("ip", "link", "set", tun.name(), "mtu", String.valueOf(tun.mtu()), "up");
      DnsShim dns = new DnsShim(new InetSocketAddress(TailnetAddresses.DNS_ADDRESS, 53), names);
      return new HostNetwork(tun, dns);
    } catch (IOException | InterruptedException | RuntimeException e) {
      tun.close();
      throw e;
    }
  }

  /** The TUN device the engine reads and writes. */
  LinuxTun tun() {
    return tun;
  }

  /**
   * Adds our tailnet address and routes the tailnet's prefix through the device with that address
   * as the source (else the kernel would pick whichever address shares the longer prefix).
   */
  void route(Inet6Address ours) throws IOException, InterruptedException {
    String addr = ours.getHostAddress();
    run("ip", "-6", "addr", "add", addr + "/128", "dev", tun.name(), "nodad");
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
  }

  /**
   * Points the system resolver at ours for {@code suffix}; returns a warning for the user when that
   * cannot be done (the tunnel still works by address, or with a resolver pointed at us).
   */
  String pointResolver(String suffix) {
    try {
      resolver.apply(tun.name(), TailnetAddresses.DNS_ADDRESS_TEXT, suffix);
      return "";
    } catch (ResolverConfigurator.UnavailableException e) {
      return e.getMessage();
    }
  }

  /** Replaces the names the resolver answers. */
  void setNames(HostTable names) {
    dns.setTable(names);
  }

  @Override
  public void close() {
    resolver.revert(tun.name());
    try {
      dns.close();
    } catch (IOException ignored) {
      // The socket goes with the process anyway.
    }
    tun.close();
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + output.strip());
    }
  }
}
