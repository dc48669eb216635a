// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.api;

import dev.coderdesktop.testbed.http.Exchange;
import dev.coderdesktop.testbed.http.HttpServer;
import dev.coderdesktop.tunnel.time.Clock;
import java.io.IOException;
import java.time.Duration;

/**
 * Admin calls that inject faults, accepted only from the testbed's own host: {@code POST
 * /testbed/server/restart?down_ms=N} cuts every connection and stops listening for N ms (a coderd
 * restart), {@code POST /testbed/relay/restart?down_ms=N} cuts every relay client and refuses new
 * ones for N ms (a relay restart); with {@code &region=R} naming an extra region, that region's
 * relay stops listening altogether for N ms (a killed relay process). All keep all state: users,
 * tokens, workspaces, the relay keys, the resume-token key. The reply goes out before the fault
 * starts.
 */
public final class FaultApi {

  private static final Duration MAX_DOWN = Duration.ofMinutes(5);

  private final HttpServer http;
  private final DerpRelayEndpoint relay;
  private final java.util.Map<Integer, RegionRelay> extra;
  private final Clock clock;

  /** Fault calls for {@code http}, {@code relay} and the {@code extra} regions by id. */
  public FaultApi(
      HttpServer http,
      DerpRelayEndpoint relay,
      java.util.Map<Integer, RegionRelay> extra,
      Clock clock) {
    this.http = http;
    this.relay = relay;
    this.extra = java.util.Map.copyOf(extra);
    this.clock = clock;
  }

  /** Adds the routes. */
  public void register(HttpServer server) {
    server
        .route("POST /testbed/server/restart", this::restartServer)
        .route("POST /testbed/relay/restart", this::restartRelay);
  }

  private Duration down(Exchange ex) throws IOException {
    String ms = ex.query("down_ms");
    try {
      Duration d = Duration.ofMillis(ms == null ? 0 : Long.parseLong(ms));
      if (!d.isNegative() && d.compareTo(MAX_DOWN) <= 0) {
        return d;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    ex.json(400, "{\"message\":\"down_ms must be 0 to 300000.\"}");
    return null;
  }

  private void restartServer(Exchange ex) throws IOException {
    if (!RestApi.fromHost(ex)) {
      return;
    }
    Duration d = down(ex);
    if (d != null) {
      ex.json(202, "{\"restarting\":\"server\",\"down_ms\":" + d.toMillis() + "}");
      // After this handler returns the reply has left; cut everything a moment later.
      clock.newTimer("fault-server", () -> http.restart(d, clock)).mod(Duration.ofMillis(50));
    }
  }

  private void restartRelay(Exchange ex) throws IOException {
    if (!RestApi.fromHost(ex)) {
      return;
    }
    String r = ex.query("region");
    int region;
    try {
      region = r == null ? RelayAddress.REGION_ID : Integer.parseInt(r);
    } catch (NumberFormatException e) {
      region = -1;
    }
    RegionRelay other = extra.get(region);
    if (region != RelayAddress.REGION_ID && other == null) {
      ex.json(404, "{\"message\":\"No relay region " + region + ".\"}");
      return;
    }
    Duration d = down(ex);
    if (d != null) {
      ex.json(
          202,
          "{\"restarting\":\"relay\",\"region\":" + region + ",\"down_ms\":" + d.toMillis() + "}");
      if (other == null) {
        relay.restart(d);
      } else {
        clock.newTimer("fault-region", () -> other.kill(d)).mod(Duration.ofMillis(50));
      }
    }
  }
}
