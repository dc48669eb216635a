// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.tunnel.connect.CoderConnect;
import dev.coderdesktop.tunnel.connect.ConnectConfig;
import dev.coderdesktop.tunnel.connect.ConnectListener;
import dev.coderdesktop.tunnel.netmon.NetworkMonitor;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.tun.TunDevice;
import java.io.IOException;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Coder Connect with a timer clock of its own, which closing shuts down, and a network monitor that
 * re-binds the engine when links, addresses or the default route change (our own TUN device
 * excepted). Thread-safe.
 */
final class CoderConnectEngine implements Engine {

  private static final Logger LOG = Logger.getLogger(CoderConnectEngine.class.getName());

  private final SystemClock clock = new SystemClock("engine-timers");
  private final CoderConnect engine;
  private final NetworkMonitor network;

  CoderConnectEngine(ConnectConfig config, TunDevice tun, ConnectListener listener) {
    CoderConnect e;
    try {
      e = new CoderConnect(config, tun, clock, listener);
    } catch (RuntimeException ex) {
      clock.shutdown();
      throw ex;
    }
    this.engine = e;
    this.network =
        new NetworkMonitor(
            Set.of(tun.name()), clock, change -> e.rebind("the network changed: " + change));
  }

  @Override
  public Inet6Address address() {
    return engine.address();
  }

  @Override
  public void start() {
    engine.start();
    try {
      network.start();
    } catch (IOException | RuntimeException ex) {
      // The tunnel works without it; a network change then waits for the liveness checks.
      LOG.log(Level.WARNING, "cannot watch the network for changes", ex);
    }
  }

  @Override
  public CompletableFuture<Boolean> firstReach(Duration max) {
    return engine.firstReach(max);
  }

  @Override
  public List<AgentView> agents() {
    return engine.agents();
  }

  @Override
  public void rebind(String reason) {
    engine.rebind(reason);
  }

  @Override
  public void close() {
    network.close();
    try {
      engine.close();
    } finally {
      clock.shutdown();
    }
  }
}
