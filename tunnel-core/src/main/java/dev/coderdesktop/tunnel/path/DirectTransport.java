// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import dev.coderdesktop.tunnel.bind.Bind;
import dev.coderdesktop.tunnel.disco.DiscoHandler;
import dev.coderdesktop.tunnel.time.Clock;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The direct path assembled for one node: the shared UDP sockets, STUN for our endpoints, the
 * per-peer {@link DirectPaths} and the {@link PathBind} for WireGuard. A client engine and a test
 * agent use it alike: give WireGuard {@link #bind()}, advertise {@link #endpointStrings()} in the
 * node, and feed each peer's endpoints to {@link #paths()}.
 *
 * <p>Thread-safe.
 */
public final class DirectTransport implements AutoCloseable {

  private final Datagrams udp;
  private final StunProber stun;
  private final DirectPaths paths;
  private final PathBind bind;
  private final DiscoHandler disco;

  private DirectTransport(
      Datagrams udp, StunProber stun, DirectPaths paths, PathBind bind, DiscoHandler disco) {
    this.udp = udp;
    this.stun = stun;
    this.paths = paths;
    this.bind = bind;
    this.disco = disco;
  }

  /**
   * Opens the UDP sockets and assembles the path layer over {@code relay} (the DERP transport) and
   * {@code disco}. {@code onEndpoints} hears of our endpoint changes, {@code onPath} of peers' path
   * changes.
   */
  public static DirectTransport open(
      Bind relay,
      DiscoHandler disco,
      List<InetSocketAddress> stunServers,
      Clock clock,
      Consumer<List<InetSocketAddress>> onEndpoints,
      DirectPaths.Listener onPath)
      throws IOException {
    return over(
        new UdpSockets(),
        relay,
        disco,
        stunServers,
        new LocalAddresses(),
        clock,
        onEndpoints,
        onPath);
  }

  /** As {@link #open}, over given datagrams and local addresses (tests). */
  public static DirectTransport over(
      Datagrams udp,
      Bind relay,
      DiscoHandler disco,
      List<InetSocketAddress> stunServers,
      Supplier<List<InetAddress>> localAddresses,
      Clock clock,
      Consumer<List<InetSocketAddress>> onEndpoints,
      DirectPaths.Listener onPath) {
    StunProber stun = new StunProber(udp, stunServers, localAddresses, clock, onEndpoints);
    DirectPaths paths =
        new DirectPaths(
            disco,
            clock,
            stun::endpoints,
            a -> udp.port(a.getAddress() instanceof Inet6Address) != 0,
            onPath);
    PathBind bind = new PathBind(relay, udp, paths, stun::onStun, disco::onUdpPacket);
    disco.setDirect((to, packet) -> udp.send(to, packet, 0, packet.length), paths);
    return new DirectTransport(udp, stun, paths, bind, disco);
  }

  /**
   * Starts the first STUN round. The sockets are read by the device that drains {@link #bind()}'s
   * sources, so start the device first.
   */
  public void start() {
    stun.start();
  }

  /** After a network change or a wake-up: STUN again now and probe every peer. */
  public void rebind() {
    stun.refreshNow();
    paths.probeAll();
  }

  /** WireGuard's transport. */
  public PathBind bind() {
    return bind;
  }

  /** The per-peer paths. */
  public DirectPaths paths() {
    return paths;
  }

  /** Our candidate endpoints now. */
  public List<InetSocketAddress> endpoints() {
    return stun.endpoints();
  }

  /** Our candidate endpoints as a node's {@code endpoints} values. */
  public List<String> endpointStrings() {
    return stun.endpoints().stream().map(Endpoints::format).toList();
  }

  /** Stops STUN and forgets the paths; the sockets close with {@link #bind()}. */
  @Override
  public void close() {
    stun.close();
    paths.close();
  }
}
