// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.api;

import dev.coderdesktop.testbed.derp.DerpServer;
import dev.coderdesktop.testbed.http.Exchange;
import dev.coderdesktop.testbed.http.HttpServer;
import dev.coderdesktop.testbed.http.ServerWebSocket;
import dev.coderdesktop.tunnel.time.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code /derp} on the testbed's HTTP server, as coderd's embedded relay: {@code Upgrade: DERP}
 * hands the connection to the relay directly; {@code Upgrade: websocket} with the {@code derp}
 * subprotocol carries the same frames inside binary messages. {@code /derp/latency-check} answers
 * latency probes.
 */
public final class DerpRelayEndpoint {

  private final DerpServer relay;
  private final Clock clock;
  // Monotonic time until which the relay is "restarting" and refuses clients; guarded by this.
  private long downUntil;
  private boolean down;

  /** Serves {@code relay}. */
  public DerpRelayEndpoint(DerpServer relay, Clock clock) {
    this.relay = relay;
    this.clock = clock;
  }

  /**
   * Simulates a relay restart for fault tests: every client is cut off and new ones are refused
   * with 503 for {@code down}; the relay keeps its key.
   */
  public void restart(Duration down) {
    synchronized (this) {
      this.down = true;
      downUntil = clock.nanoTime() + down.toNanos();
    }
    relay.dropClients();
  }

  private synchronized boolean isDown() {
    if (down && clock.nanoTime() - downUntil >= 0) {
      down = false;
    }
    return down;
  }

  /** Adds the routes. */
  public void register(HttpServer http) {
    http.route("GET /derp", this::derp)
        .route("GET /derp/latency-check", ex -> ex.respond(200, "text/plain", new byte[0]));
  }

  private void derp(Exchange ex) throws IOException {
    if (isDown()) {
      ex.json(503, "{\"message\":\"The relay is restarting.\"}");
      return;
    }
    String upgrade = ex.header("upgrade");
    String kind = upgrade == null ? "" : upgrade.toLowerCase(Locale.ROOT);
    switch (kind) {
      case "derp" -> {
        ex.upgraded();
        ex.output()
            .write(
                ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: DERP\r\nConnection: Upgrade\r\n"
                        + "Derp-Version: 2\r\nDerp-Public-Key: "
                        + HexFormat.of().formatHex(relay.publicKey().bytes())
                        + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        relay.serveUpgraded(ex.input(), ex.output(), ex.socket());
      }
      case "websocket" -> {
        ServerWebSocket ws = ServerWebSocket.accept(ex, "derp");
        if (ws != null) {
          relay.serveUpgraded(ws.inputStream(), ws.outputStream(), null);
        }
      }
      default -> ex.json(426, "{\"message\":\"DERP requires connection upgrade\"}");
    }
  }
}
