// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class UdpBatchSocketTest {

  private static byte[][] datagrams(int n, int size) {
    byte[][] out = new byte[n][size + 3];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < size; k++) {
        out[i][3 + k] = (byte) (i * 31 + k);
      }
    }
    return out;
  }

  private static void roundTrip(boolean ipv6, boolean dualStack, String to) throws Exception {
    try (UdpBatchSocket a = UdpBatchSocket.open(ipv6, dualStack, 0, 1 << 20);
        UdpBatchSocket b = UdpBatchSocket.open(false, false, 0, 1 << 20)) {
      int n = 100; // more than one system call's worth
      byte[][] out = datagrams(n, 1400);
      int[] sizes = new int[n];
      java.util.Arrays.fill(sizes, 1400);
      sizes[7] = 5000; // larger than a send slot
      out[7] = java.util.Arrays.copyOf(out[7], 5003);
      b.send(out, 3, sizes, n, new InetSocketAddress(InetAddress.ofLiteral(to), a.localPort()));
      byte[][] in = new byte[UdpBatchSocket.BATCH][UdpBatchSocket.RECEIVE_SLOT];
      int[] got = new int[UdpBatchSocket.BATCH];
      InetSocketAddress[] from = new InetSocketAddress[UdpBatchSocket.BATCH];
      int seen = 0;
      while (seen < n) {
        int m = a.receive(in, got, from);
        assertTrue(m >= 1 && m <= UdpBatchSocket.BATCH);
        for (int i = 0; i < m; i++, seen++) {
          assertEquals(sizes[seen], got[i], "length of datagram " + seen);
          assertArrayEquals(
              java.util.Arrays.copyOfRange(out[seen], 3, 3 + sizes[seen]),
              java.util.Arrays.copyOf(in[i], got[i]),
              "datagram " + seen);
          assertEquals(b.localPort(), from[i].getPort());
          assertEquals(InetAddress.ofLiteral("127.0.0.1"), from[i].getAddress());
        }
      }
    }
  }

  @Test
  @DisplayName("batches of varying size, from varying senders, keep their lengths and sources")
  void varyingBatches() throws Exception {
    try (UdpBatchSocket a = UdpBatchSocket.open(true, true, 0, 1 << 20);
        UdpBatchSocket b = UdpBatchSocket.open(false, false, 0, 1 << 20);
        UdpBatchSocket c = UdpBatchSocket.open(true, false, 0, 1 << 20)) {
      byte[][] in = new byte[UdpBatchSocket.BATCH][UdpBatchSocket.RECEIVE_SLOT];
      int[] got = new int[UdpBatchSocket.BATCH];
      InetSocketAddress[] from = new InetSocketAddress[UdpBatchSocket.BATCH];
      // Each round's datagrams are all queued before the receive, so one call takes them all;
      // a round smaller than the last leaves slots the earlier call filled untouched.
      int[] rounds = {5, 1, 3, 1};
      for (int r = 0; r < rounds.length; r++) {
        UdpBatchSocket sender = r % 2 == 0 ? b : c;
        String to = r % 2 == 0 ? "127.0.0.1" : "::1";
        int n = rounds[r];
        byte[][] out = datagrams(n, 10 + r);
        int[] sizes = new int[n];
        java.util.Arrays.fill(sizes, 10 + r);
        sender.send(
            out, 3, sizes, n, new InetSocketAddress(InetAddress.ofLiteral(to), a.localPort()));
        int seen = 0;
        while (seen < n) {
          int m = a.receive(in, got, from);
          for (int i = 0; i < m; i++, seen++) {
            assertEquals(10 + r, got[i], "round " + r + " datagram " + seen);
            assertEquals(InetAddress.ofLiteral(to), from[i].getAddress());
            assertEquals(sender.localPort(), from[i].getPort());
          }
        }
      }
    }
  }

  @Test
  @DisplayName("an IPv4 socket sends and receives batches in order, with sources")
  void ipv4() throws Exception {
    roundTrip(false, false, "127.0.0.1");
  }

  @Test
  @DisplayName("a dual-stack socket shows IPv4 peers as IPv4 addresses")
  void dualStack() throws Exception {
    roundTrip(true, true, "127.0.0.1");
  }

  @Test
  @DisplayName("close wakes a waiting receiver")
  void closeWakes() throws Exception {
    UdpBatchSocket s = UdpBatchSocket.open(false, false, 0, 1 << 16);
    CompletableFuture<Throwable> r =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                s.receive(new byte[1][100], new int[1], new InetSocketAddress[1]);
                return null;
              } catch (Exception e) {
                return e;
              }
            });
    Thread.sleep(100); // let the receiver reach poll; the result is the same if it has not
    s.close();
    assertTrue(r.get(10, TimeUnit.SECONDS) instanceof ClosedChannelException);
    assertThrows(
        ClosedChannelException.class,
        () -> s.receive(new byte[1][100], new int[1], new InetSocketAddress[1]));
  }

  @Test
  @DisplayName("a refused IPv6 destination leaves the last IPv4 one intact; close twice is fine")
  void refusedDestinationKeepsTheCachedOne() throws Exception {
    try (UdpBatchSocket a = UdpBatchSocket.open(false, false, 0, 1 << 16);
        UdpBatchSocket b = UdpBatchSocket.open(false, false, 0, 1 << 16)) {
      InetSocketAddress toA =
          new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), a.localPort());
      byte[][] one = {{1, 2, 3}};
      int[] three = {3};
      b.send(one, 0, three, 1, toA);
      InetSocketAddress v6 = new InetSocketAddress(InetAddress.ofLiteral("::1"), a.localPort());
      assertThrows(java.io.IOException.class, () -> b.send(one, 0, three, 1, v6));
      b.send(one, 0, three, 1, toA); // the cached name of toA, untouched by the refusal
      byte[][] in = new byte[UdpBatchSocket.BATCH][UdpBatchSocket.RECEIVE_SLOT];
      int[] got = new int[UdpBatchSocket.BATCH];
      InetSocketAddress[] from = new InetSocketAddress[UdpBatchSocket.BATCH];
      int seen = 0;
      while (seen < 2) {
        int m = a.receive(in, got, from);
        for (int i = 0; i < m; i++, seen++) {
          assertEquals(3, got[i]);
          assertEquals(b.localPort(), from[i].getPort());
        }
      }
      b.close(); // and again by try-with-resources
    }
  }
}
