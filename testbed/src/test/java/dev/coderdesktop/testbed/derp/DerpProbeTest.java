// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.derp;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpProbe;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Relay latency probes against in-process relays that hold their Pongs back. */
@Timeout(30)
class DerpProbeTest {

  private final SystemClock clock = new SystemClock("probe-test");

  @AfterEach
  void stop() {
    clock.shutdown();
  }

  private static URI listen(DerpServer s) throws Exception {
    int port = s.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return URI.create("http://127.0.0.1:" + port + "/derp");
  }

  @Test
  @DisplayName("a relay that answers pings 150 ms late measures at least that, a prompt one less")
  void delays() throws Exception {
    try (DerpServer slow = new DerpServer(X25519.generatePrivateKey(), clock);
        DerpServer fast = new DerpServer(X25519.generatePrivateKey(), clock)) {
      slow.setPongDelay(Duration.ofMillis(150));
      Duration s =
          DerpProbe.measure(listen(slow), Map.of(), false, clock, Duration.ofSeconds(5))
              .get(10, TimeUnit.SECONDS);
      Duration f =
          DerpProbe.measure(listen(fast), Map.of(), false, clock, Duration.ofSeconds(5))
              .get(10, TimeUnit.SECONDS);
      assertTrue(s.compareTo(Duration.ofMillis(150)) >= 0, s.toString());
      assertTrue(f.compareTo(Duration.ofMillis(150)) < 0, f.toString());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while ((slow.clientCount() > 0 || fast.clientCount() > 0) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertTrue(slow.clientCount() == 0 && fast.clientCount() == 0, "the probes hung up");
    }
  }

  @Test
  @DisplayName("a relay that never answers fails the probe when the budget runs out")
  void deadRelay() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    long start = System.nanoTime();
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                DerpProbe.measure(
                        URI.create("http://127.0.0.1:" + port + "/derp"),
                        Map.of(),
                        false,
                        clock,
                        Duration.ofMillis(400))
                    .get(10, TimeUnit.SECONDS));
    assertInstanceOf(TimeoutException.class, e.getCause());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
  }
}
