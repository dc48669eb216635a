// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.tunnel.connect.ConnectConfig;
import dev.coderdesktop.tunnel.connect.ConnectListener;
import dev.coderdesktop.tunnel.tun.TunDevice;
import dev.coderdesktop.vpn.service.dns.HostTable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * The steps a session takes on the machine and the network, one method each, so that a session can
 * be built (and its failures tested) with a fake. Addresses and routes belong to the TUN device:
 * closing the device removes them, which is how a session releases them. Implementations are
 * thread-safe.
 */
public interface SessionPlatform {

  /** Signs in (REST checks, relay selection); acquires nothing. */
  SignedIn signIn(Session.StartParams params) throws SignInException;

  /** Creates the TUN device. */
  TunDevice openTun(String name, int mtu) throws IOException;

  /** Assigns {@code address}/128; a {@code deprecated} one is never chosen as a source. */
  void addAddress(String ifname, Inet6Address address, boolean deprecated) throws IOException;

  /** Sets the device's MTU in the kernel and brings it up. */
  void bringUp(String ifname, int mtu) throws IOException;

  /** Routes the tailnet's prefix to the device with {@code source} as the source address. */
  void addRoute(String ifname, Inet6Address source) throws IOException;

  /** Serves the agents' names on {@code address}. */
  NameServer serveNames(InetSocketAddress address, HostTable initial) throws IOException;

  /**
   * Points the system resolver at our name server for {@code suffix}; returns a note for the user
   * when that is not possible here (the tunnel works without it), or "".
   */
  String applyResolver(String ifname, String server, String suffix) throws IOException;

  /** How the last {@link #applyResolver} reached the system resolver, when it did. */
  default java.util.Optional<dev.coderdesktop.vpn.service.dns.SystemResolver.Applied>
      resolverSetup() {
    return java.util.Optional.empty();
  }

  /** Undoes {@link #applyResolver}. */
  void revertResolver(String ifname);

  /** Builds (but does not start) the engine on {@code tun}. */
  Engine newEngine(ConnectConfig config, TunDevice tun, ConnectListener listener);
}
