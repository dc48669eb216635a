// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import dev.coderdesktop.tunnel.transport.NetPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Measures a relay's latency: logs in with a throwaway node key, sends {@value #PINGS} DERP Ping
 * frames one after the other and reports the shortest round trip. Gives up after the given budget
 * (measured on the injected clock), so a dead relay cannot hold up the caller. Stateless.
 */
public final class DerpProbe {

  /** Pings per probe; the minimum filters out a slow first write on a fresh connection. */
  public static final int PINGS = 3;

  private DerpProbe() {}

  /**
   * Probes the relay at {@code url}; the future completes with the best round trip, or
   * exceptionally (timeout or connection failure). The connection is closed either way.
   */
  public static CompletableFuture<Duration> measure(
      URI url, Map<String, String> headers, boolean websocket, Clock clock, Duration budget) {
    return measure(url, headers, websocket, NetPolicy.system(), clock, budget);
  }

  /** As above, dialling as {@code policy} says. */
  public static CompletableFuture<Duration> measure(
      URI url,
      Map<String, String> headers,
      boolean websocket,
      NetPolicy policy,
      Clock clock,
      Duration budget) {
    CompletableFuture<Duration> result = new CompletableFuture<>();
    Key throwaway = X25519.generatePrivateKey();
    DerpClient[] client = new DerpClient[1];
    client[0] =
        new DerpClient(
            url,
            throwaway,
            headers,
            websocket,
            policy,
            clock,
            new DerpListener() {
              @Override
              public void onPacket(Key source, byte[] packet) {
                // Nobody knows this key; nothing arrives.
              }

              @Override
              public void onConnected(Key serverKey) {
                pingRounds(client[0], PINGS, null, result);
              }
            });
    Timer deadline =
        clock.newTimer(
            "derp-probe",
            () -> result.completeExceptionally(new TimeoutException("no answer within " + budget)));
    deadline.mod(budget);
    result.whenComplete(
        (d, e) -> {
          deadline.cancel();
          client[0].close();
        });
    client[0].start();
    return result;
  }

  private static void pingRounds(
      DerpClient c, int left, Duration best, CompletableFuture<Duration> result) {
    if (left == 0 || result.isDone()) {
      result.complete(best);
      return;
    }
    c.ping()
        .whenComplete(
            (d, e) -> {
              if (e != null) {
                // Keep what was measured; a later reconnect would log in again and retry.
                if (best != null) {
                  result.complete(best);
                }
                return;
              }
              pingRounds(c, left - 1, best == null || d.compareTo(best) < 0 ? d : best, result);
            });
  }
}
