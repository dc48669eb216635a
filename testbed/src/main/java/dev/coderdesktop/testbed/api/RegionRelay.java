// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.api;

import dev.coderdesktop.testbed.derp.DerpServer;
import dev.coderdesktop.testbed.http.HttpServer;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.time.Clock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * An extra DERP region: a relay of its own (own key) on an HTTP port of its own, as a Coder
 * workspace proxy or a second relay deployment is. Peers in different regions reach each other only
 * by dialling the receiver's region, as with Coder's regions (relays of different regions are not
 * meshed). {@link #kill} stops it for a while the way a crashed relay process looks: the port
 * refuses connections and every client is cut.
 *
 * <p>Thread-safe after {@link #start}.
 */
public final class RegionRelay implements AutoCloseable {

  private final int regionId;
  private final DerpServer relay;
  private final HttpServer http = new HttpServer();
  private final Clock clock;

  /** A relay for region {@code regionId}; nothing listens until {@link #start}. */
  public RegionRelay(int regionId, Clock clock) {
    this.regionId = regionId;
    this.relay = new DerpServer(X25519.generatePrivateKey(), clock);
    this.clock = clock;
  }

  /** Listens on {@code listen} (HTTPS with {@code tls} unless null); returns the port. */
  public int start(InetSocketAddress listen, SSLContext tls) throws IOException {
    if (tls != null) {
      http.secure(tls);
    }
    new DerpRelayEndpoint(relay, clock).register(http);
    return http.listen(listen);
  }

  /** The region id. */
  public int regionId() {
    return regionId;
  }

  /** The relay (for tests). */
  public DerpServer relay() {
    return relay;
  }

  /** Stops listening and cuts every client for {@code down}, then listens again. */
  public void kill(Duration down) {
    http.restart(down, clock);
    relay.dropClients();
  }

  @Override
  public void close() {
    http.close();
    relay.close();
  }
}
