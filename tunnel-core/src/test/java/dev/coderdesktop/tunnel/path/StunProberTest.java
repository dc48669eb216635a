// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.stun.BindingRequest;
import dev.coderdesktop.tunnel.stun.BindingResponse;
import dev.coderdesktop.tunnel.time.VirtualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** STUN rounds on virtual time against a fake socket. */
@Timeout(10)
class StunProberTest {

  private record Sent(InetSocketAddress to, byte[] bytes) {}

  private final VirtualClock clock = new VirtualClock();
  private final List<Sent> sent = new ArrayList<>();
  private final List<List<InetSocketAddress>> changes = new ArrayList<>();

  private final Datagrams fake =
      new Datagrams() {
        @Override
        public List<Reader> readers() {
          return List.of();
        }

        @Override
        public boolean send(InetSocketAddress to, byte[] b, int off, int len) {
          sent.add(new Sent(to, java.util.Arrays.copyOfRange(b, off, off + len)));
          return true;
        }

        @Override
        public int port(boolean ipv6) {
          return ipv6 ? 0 : 41641;
        }

        @Override
        public void close() {}
      };

  private static InetSocketAddress at(String ip, int port) {
    return new InetSocketAddress(InetAddress.ofLiteral(ip), port);
  }

  @Test
  @DisplayName(
      "requests every server, advertises its answer before local addresses, repeats in 20-26 s")
  void rounds() throws Exception {
    InetSocketAddress server = at("192.0.2.10", 3478);
    StunProber p =
        new StunProber(
            fake,
            List.of(server),
            () -> List.of(InetAddress.ofLiteral("10.1.2.3"), InetAddress.ofLiteral("fd00::1")),
            clock,
            changes::add);
    p.start();
    clock.advance(Duration.ZERO);
    assertEquals(1, sent.size());
    assertEquals(server, sent.get(0).to());
    BindingRequest req = BindingRequest.parse(sent.get(0).bytes());
    assertTrue(req.fromTailnode(), "the request is the form coderd's STUN server answers");
    // Local addresses only (no IPv6 socket, so the IPv6 address is left out).
    assertEquals(List.of(at("10.1.2.3", 41641)), p.endpoints());

    InetSocketAddress mapped = at("203.0.113.7", 50123);
    p.onStun(server, new BindingResponse(req.txId(), mapped).encode());
    assertEquals(List.of(mapped, at("10.1.2.3", 41641)), p.endpoints());
    assertEquals(2, changes.size());
    p.onStun(server, new BindingResponse(req.txId(), at("198.51.100.1", 1)).encode());
    assertEquals(2, changes.size(), "a duplicate answer to one request is ignored");

    clock.advance(Duration.ofSeconds(19));
    assertEquals(1, sent.size(), "no second round before 20 s");
    clock.advance(Duration.ofSeconds(7));
    assertEquals(2, sent.size(), "a second round by 26 s");
    assertEquals(2, changes.size(), "an unchanged set is not re-announced");
    p.close();
  }
}
