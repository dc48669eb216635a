// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.tunnel.connect.CoderConnect;
import dev.coderdesktop.tunnel.connect.ConnectConfig;
import dev.coderdesktop.tunnel.connect.ConnectListener;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.tun.TunDevice;
import java.net.Inet6Address;
import java.util.List;

/** Coder Connect with a timer clock of its own, which closing shuts down. Thread-safe. */
final class CoderConnectEngine implements Engine {

  private final SystemClock clock = new SystemClock("engine-timers");
  private final CoderConnect engine;

  CoderConnectEngine(ConnectConfig config, TunDevice tun, ConnectListener listener) {
    CoderConnect e;
    try {
      e = new CoderConnect(config, tun, clock, listener);
    } catch (RuntimeException ex) {
      clock.shutdown();
      throw ex;
    }
    this.engine = e;
  }

  @Override
  public Inet6Address address() {
    return engine.address();
  }

  @Override
  public void start() {
    engine.start();
  }

  @Override
  public List<AgentView> agents() {
    return engine.agents();
  }

  @Override
  public void rebind() {
    engine.rebind("a client reported a wake");
  }

  @Override
  public void close() {
    try {
      engine.close();
    } finally {
      clock.shutdown();
    }
  }
}
