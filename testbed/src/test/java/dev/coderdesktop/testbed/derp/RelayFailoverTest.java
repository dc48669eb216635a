// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.derp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.testbed.api.RegionRelay;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpRelays;
import dev.coderdesktop.tunnel.derp.HomeRegion;
import dev.coderdesktop.tunnel.derp.RelayRegion;
import dev.coderdesktop.tunnel.derp.RelayRegions;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.transport.NetPolicy;
import dev.coderdesktop.tunnel.tun.ChannelTun;
import dev.coderdesktop.tunnel.wireguard.Device;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two relay regions that are not meshed, as Coder's regions are: peers homed in different regions
 * reach each other by dialling the receiver's region, and home moves to the other region while its
 * relay is down and back once it has been healthy for a while.
 */
@Timeout(90)
class RelayFailoverTest {

  private final SystemClock clock = new SystemClock("failover-test");
  private RegionRelay one;
  private RegionRelay two;
  private RelayRegions regions;

  @BeforeEach
  void relays() throws Exception {
    one = new RegionRelay(1, clock);
    two = new RegionRelay(2, clock);
    InetSocketAddress lo = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    URI u1 = URI.create("http://127.0.0.1:" + one.start(lo, null) + "/derp");
    URI u2 = URI.create("http://127.0.0.1:" + two.start(lo, null) + "/derp");
    regions =
        new RelayRegions(
            Map.of(
                1, new RelayRegion(1, "one", u1, false), 2, new RelayRegion(2, "two", u2, false)));
  }

  @AfterEach
  void stop() {
    one.close();
    two.close();
    clock.shutdown();
  }

  private DerpRelays relays(Key key, int home) {
    return new DerpRelays(regions, home, key, Map.of(), false, NetPolicy.system(), clock);
  }

  @Test
  @DisplayName("a peer homed in the other region is reached through that region, both ways")
  void crossRegion() throws Exception {
    Key aPriv = X25519.generatePrivateKey();
    Key bPriv = X25519.generatePrivateKey();
    DerpRelays aRelays = relays(aPriv, 1);
    DerpRelays bRelays = relays(bPriv, 2);
    aRelays.setPeerRegion(X25519.publicKey(bPriv), 2);
    bRelays.setPeerRegion(X25519.publicKey(aPriv), 1);
    ChannelTun aTun = new ChannelTun("a", 1280);
    ChannelTun bTun = new ChannelTun("b", 1280);
    Device a =
        WireGuardOverDerpTest.device(aPriv, bPriv, "fd60:627a:a42b::b/128", aTun, aRelays, clock);
    Device b =
        WireGuardOverDerpTest.device(bPriv, aPriv, "fd60:627a:a42b::a/128", bTun, bRelays, clock);
    try {
      a.start();
      b.start();
      byte[] ping =
          WireGuardOverDerpTest.ipv6("fd60:627a:a42b::a", "fd60:627a:a42b::b", "echo request");
      aTun.inject(ping);
      assertArrayEquals(ping, bTun.take(Duration.ofSeconds(15)));
      byte[] pong =
          WireGuardOverDerpTest.ipv6("fd60:627a:a42b::b", "fd60:627a:a42b::a", "echo reply");
      bTun.inject(pong);
      assertArrayEquals(pong, aTun.take(Duration.ofSeconds(10)));
      // Each relay carries both nodes: its home node and the one sending to it.
      assertEquals(2, one.relay().clientCount());
      assertEquals(2, two.relay().clientCount());
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  @DisplayName("home moves to the next region within 10 s of its relay dying, and back after it")
  void failoverAndBack() throws Exception {
    DerpRelays relays = relays(X25519.generatePrivateKey(), 1);
    List<Integer> moves = new CopyOnWriteArrayList<>();
    HomeRegion home =
        new HomeRegion(
            relays, Map.of(1, Duration.ofMillis(1), 2, Duration.ofMillis(5)), clock, moves::add);
    try {
      home.start();
      waitFor(Duration.ofSeconds(10), () -> relays.isConnected(1), "logged in to region 1");
      long killed = System.nanoTime();
      one.kill(Duration.ofSeconds(4));
      waitFor(Duration.ofSeconds(10), () -> relays.isConnected(2), "home moved to region 2");
      Duration took = Duration.ofNanos(System.nanoTime() - killed);
      waitFor(Duration.ofSeconds(1), () -> moves.size() == 1, "the owner was told");
      assertEquals(List.of(2), List.copyOf(moves));
      assertEquals(2, relays.home());
      assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "fail-over took " + took);
      // Region 1 is back after 4 s; three answered probes 5 s apart bring home back.
      waitFor(Duration.ofSeconds(40), () -> moves.size() == 2, "home moved back to region 1");
      assertEquals(List.of(2, 1), List.copyOf(moves));
      assertEquals(1, relays.home());
      waitFor(Duration.ofSeconds(10), () -> relays.isConnected(1), "logged in to region 1 again");
    } finally {
      home.close();
      relays.close();
    }
  }

  @Test
  @DisplayName("a DERP map without the home region moves home at once; a later map adds it back")
  void mapDropsHome() throws Exception {
    DerpRelays relays = relays(X25519.generatePrivateKey(), 1);
    List<Integer> moves = new CopyOnWriteArrayList<>();
    HomeRegion home = new HomeRegion(relays, Map.of(), clock, moves::add);
    try {
      home.start();
      home.setRegions(new RelayRegions(Map.of(2, regions.get(2).orElseThrow())));
      assertEquals(List.of(2), List.copyOf(moves));
      waitFor(Duration.ofSeconds(10), () -> relays.isConnected(2), "logged in to region 2");
      assertEquals(2, home.best());
      home.setRegions(regions);
      assertEquals(
          List.of(2), List.copyOf(moves), "a region that reappears is not a reason to move");
    } finally {
      home.close();
      relays.close();
    }
  }

  private static void waitFor(Duration limit, BooleanSupplier done, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(20);
    }
  }
}
