// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.derp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpBind;
import dev.coderdesktop.tunnel.derp.DerpEndpoint;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.tun.ChannelTun;
import dev.coderdesktop.tunnel.wireguard.Device;
import dev.coderdesktop.tunnel.wireguard.WireGuardTimings;
import dev.coderdesktop.tunnel.wireguard.config.Config;
import dev.coderdesktop.tunnel.wireguard.config.IpPrefix;
import dev.coderdesktop.tunnel.wireguard.config.PeerConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two WireGuard devices whose only path is a DERP relay, as Coder Connect runs when DERP-only. */
@Timeout(30)
class WireGuardOverDerpTest {

  static byte[] ipv6(String src, String dst, String text) throws Exception {
    byte[] payload = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
    b.putInt(0x60000000).putShort((short) payload.length).put((byte) 17).put((byte) 64);
    b.put(InetAddress.getByName(src).getAddress()).put(InetAddress.getByName(dst).getAddress());
    return b.put(payload).array();
  }

  @Test
  @DisplayName("a handshake and IPv6 packets cross the relay in both directions")
  void pingOverDerp() throws Exception {
    SystemClock clock = new SystemClock("derp-test");
    try (DerpServer relay = new DerpServer(X25519.generatePrivateKey(), clock)) {
      int port = relay.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      URI url = URI.create("http://127.0.0.1:" + port + "/derp");
      Key aPriv = X25519.generatePrivateKey();
      Key bPriv = X25519.generatePrivateKey();
      ChannelTun aTun = new ChannelTun("a", 1280);
      ChannelTun bTun = new ChannelTun("b", 1280);
      DerpBind aBind = new DerpBind(url, aPriv, Map.of(), clock);
      DerpBind bBind = new DerpBind(url, bPriv, Map.of(), clock);
      Device a = device(aPriv, bPriv, "fd60:627a:a42b::b/128", aTun, aBind, clock);
      Device b = device(bPriv, aPriv, "fd60:627a:a42b::a/128", bTun, bBind, clock);
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (relay.clientCount() < 2) {
          if (System.nanoTime() > deadline) {
            fail("clients did not log in");
          }
          Thread.onSpinWait();
        }
        a.start();
        b.start();
        byte[] ping = ipv6("fd60:627a:a42b::a", "fd60:627a:a42b::b", "echo request");
        aTun.inject(ping);
        assertArrayEquals(ping, bTun.take(Duration.ofSeconds(10)));
        byte[] pong = ipv6("fd60:627a:a42b::b", "fd60:627a:a42b::a", "echo reply");
        bTun.inject(pong);
        assertArrayEquals(pong, aTun.take(Duration.ofSeconds(10)));
        assertEquals(1, a.stats().peers().get(0).handshakes());
        assertEquals(
            new DerpEndpoint(X25519.publicKey(aPriv)), b.stats().peers().get(0).endpoint());
      } finally {
        a.close();
        b.close();
        clock.shutdown();
      }
    }
  }

  static Device device(
      Key priv,
      Key peerPriv,
      String allowed,
      ChannelTun tun,
      dev.coderdesktop.tunnel.bind.Bind bind,
      dev.coderdesktop.tunnel.time.Clock clock) {
    Key peer = X25519.publicKey(peerPriv);
    PeerConfig pc =
        new PeerConfig(
            peer, null, List.of(IpPrefix.parse(allowed)), new DerpEndpoint(peer), Duration.ZERO);
    return new Device(
        new Config(priv, 0, List.of(), List.of(pc)), tun, bind, clock, WireGuardTimings.standard());
  }
}
