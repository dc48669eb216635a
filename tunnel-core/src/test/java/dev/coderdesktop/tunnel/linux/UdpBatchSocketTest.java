// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
  @DisplayName(
      "after a receive that took less than it had room for, the next one waits, then reads")
  void waitsAfterPartialBatch() throws Exception {
    try (UdpBatchSocket a = UdpBatchSocket.open(false, false, 0, 1 << 16);
        UdpBatchSocket b = UdpBatchSocket.open(false, false, 0, 1 << 16)) {
      InetSocketAddress to =
          new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), a.localPort());
      byte[][] in = new byte[4][UdpBatchSocket.RECEIVE_SLOT];
      int[] got = new int[4];
      InetSocketAddress[] from = new InetSocketAddress[4];
      for (int round = 1; round <= 3; round++) {
        int len = 20 + round;
        // Queued before the receive (the wait returns at once), then sent while it waits.
        b.send(datagrams(1, len), 3, new int[] {len}, 1, to);
        assertEquals(1, a.receive(in, got, from), "one of four slots filled");
        assertEquals(len, got[0]);
        CompletableFuture<Integer> next =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return a.receive(in, got, from) == 1 ? got[0] : -1;
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
        Thread.sleep(50); // the receiver reaches its wait; the result is the same if it has not
        b.send(datagrams(1, len + 100), 3, new int[] {len + 100}, 1, to);
        assertEquals(len + 100, next.get(10, TimeUnit.SECONDS));
      }
    }
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

  /** Sizes that cut runs every way the packing can: shorter ends, size changes, counts, bytes. */
  private static int[] runsOfEveryShape() {
    java.util.List<Integer> sizes = new java.util.ArrayList<>();
    java.util.function.BiConsumer<Integer, Integer> add =
        (n, size) -> {
          for (int i = 0; i < n; i++) {
            sizes.add(size);
          }
        };
    add.accept(1, 100); // single datagrams first: a refused run then fails after some were sent
    add.accept(1, 0); // empty datagrams are datagrams too ...
    add.accept(2, 0); // ... and never join a run
    add.accept(1, 300);
    add.accept(30, 1452); // a run ...
    add.accept(1, 700); // ... that a shorter datagram ends
    add.accept(20, 1452); // a new run of the same size
    add.accept(3, 100); // a new, smaller size
    add.accept(1, 1452); // a larger one starts a run of its own
    add.accept(70, 900); // more than 64 datagrams: cut at the segment count
    add.accept(50, 1452); // more than 65,000 bytes: cut at the size
    add.accept(1, 5000); // larger than a send slot
    add.accept(66, 4096); // more than the send buffer holds
    add.accept(1, 1);
    return sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Sends datagrams of {@code sizes} in one call while another thread receives them into {@code
   * room} buffers at a time, and checks each arrived as sent, in order.
   */
  private static void sendAndCheck(
      UdpBatchSocket sender, UdpBatchSocket receiver, int[] sizes, int room) throws Exception {
    int n = sizes.length;
    // Room for a whole call's datagrams even where rmem_max is the kernel's default (208 KiB):
    // SO_RCVBUFFORCE as root; elsewhere the requested 4 MiB, capped at rmem_max, has to do.
    try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
      java.lang.foreign.MemorySegment v = arena.allocate(4);
      v.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 8 << 20);
      Libc.setsockopt(new Libc.CallState(arena), receiver.descriptor(), 1, 33, v, 4);
    }
    byte[][] out = new byte[n][];
    for (int i = 0; i < n; i++) {
      out[i] = new byte[sizes[i] + 3];
      for (int k = 0; k < sizes[i]; k++) {
        out[i][3 + k] = (byte) (i * 31 + k);
      }
    }
    java.util.List<InetSocketAddress> sources = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<java.util.List<byte[]>> received =
        CompletableFuture.supplyAsync(
            () -> {
              java.util.List<byte[]> all = new java.util.ArrayList<>();
              byte[][] in = new byte[room][UdpBatchSocket.RECEIVE_SLOT];
              int[] got = new int[room];
              InetSocketAddress[] from = new InetSocketAddress[room];
              try {
                while (all.size() < n) {
                  int m = receiver.receive(in, got, from);
                  if (m < 1 || m > room) {
                    throw new AssertionError(m + " datagrams for " + room + " buffers");
                  }
                  for (int i = 0; i < m; i++) {
                    all.add(java.util.Arrays.copyOf(in[i], got[i]));
                    sources.add(from[i]);
                  }
                }
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              return all;
            });
    sender.send(
        out,
        3,
        sizes,
        n,
        new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), receiver.localPort()));
    java.util.List<byte[]> in = received.get(20, TimeUnit.SECONDS);
    for (int i = 0; i < n; i++) {
      assertArrayEquals(
          java.util.Arrays.copyOfRange(out[i], 3, 3 + sizes[i]),
          in.get(i),
          "datagram " + i + " of " + sizes[i] + " bytes");
    }
    // Every piece of a coalesced run carries the run's source, as a lone datagram does.
    InetSocketAddress sentFrom =
        new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), sender.localPort());
    assertEquals(n, sources.size());
    for (int i = 0; i < n; i++) {
      assertEquals(sentFrom, sources.get(i), "the source of datagram " + i);
    }
  }

  @Test
  @DisplayName("segmented sends arrive as the datagrams they were, in order, however runs are cut")
  void segmentedSends() throws Exception {
    try (UdpBatchSocket a = UdpBatchSocket.open(false, false, 0, 4 << 20);
        UdpBatchSocket b = UdpBatchSocket.open(false, false, 0, 4 << 20)) {
      assertTrue(b.segmentationOffload(), "Linux 4.18 and later have UDP_SEGMENT");
      assertTrue(a.coalescedReceive(), "Linux 5.0 and later have UDP_GRO");
      sendAndCheck(b, a, runsOfEveryShape(), UdpBatchSocket.BATCH);
      // Had the kernel refused a segmented message, the socket would have turned the offload off.
      assertTrue(b.segmentationOffload(), "the kernel took the segmented messages");
      // On loopback a segmented send reaches a coalescing socket whole: runs were split here.
      assertTrue(a.coalescedRuns() > 0, "runs arrived coalesced");
      // A caller with room for fewer datagrams than a run holds gets the rest on the next calls.
      long before = a.coalescedRuns();
      sendAndCheck(b, a, runsOfEveryShape(), 7);
      assertTrue(a.coalescedRuns() > before, "runs arrived coalesced");
    }
  }

  @Test
  @DisplayName("a coalescing receiver takes unsegmented datagrams as they are")
  void coalescingReceiverPlainSender() throws Exception {
    try (UdpBatchSocket a = UdpBatchSocket.open(false, false, 0, 4 << 20);
        UdpBatchSocket b = UdpBatchSocket.open(false, false, 0, 4 << 20, false)) {
      sendAndCheck(b, a, runsOfEveryShape(), UdpBatchSocket.BATCH);
      assertEquals(0, a.coalescedRuns(), "loopback merges nothing the sender did not segment");
    }
  }

  @Test
  @DisplayName("a run refused for its destination's sake is an error, and the offload stays on")
  void refusedDestinationKeepsSegmentation() throws Exception {
    try (UdpBatchSocket b = UdpBatchSocket.open(false, false, 0, 1 << 20)) {
      int[] sizes = {1000, 1000, 1000, 1000, 1000};
      byte[][] out = new byte[5][1000];
      // Port 0: the kernel refuses every datagram to it (EINVAL), segmented or not.
      InetSocketAddress nowhere = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0);
      assertThrows(java.io.IOException.class, () -> b.send(out, 0, sizes, 5, nowhere));
      assertTrue(b.segmentationOffload());
    }
  }

  @Test
  @DisplayName("a receive with no room is refused rather than spinning")
  void receiveNeedsRoom() throws Exception {
    try (UdpBatchSocket a = UdpBatchSocket.open(false, false, 0, 1 << 16)) {
      assertThrows(
          IllegalArgumentException.class,
          () -> a.receive(new byte[0][], new int[0], new InetSocketAddress[0]));
    }
  }

  @Test
  @DisplayName("arrays of unequal length: a receive fills no more than the shortest holds")
  void unequalArrays() throws Exception {
    try (UdpBatchSocket a = UdpBatchSocket.open(false, false, 0, 1 << 20);
        UdpBatchSocket b = UdpBatchSocket.open(false, false, 0, 1 << 20)) {
      int[] sizes = new int[10];
      java.util.Arrays.fill(sizes, 100);
      b.send(
          new byte[10][100],
          0,
          sizes,
          10,
          new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), a.localPort()));
      // As the device's receiver calls it: more buffers than sources.
      byte[][] bufs = new byte[128][UdpBatchSocket.RECEIVE_SLOT];
      int[] got = new int[128];
      InetSocketAddress[] from = new InetSocketAddress[3];
      int seen = 0;
      while (seen < 10) {
        int m = a.receive(bufs, got, from);
        assertTrue(m >= 1 && m <= 3, m + " datagrams for 3 sources");
        seen += m;
      }
      assertEquals(10, seen);
    }
  }

  @Test
  @DisplayName("without offloads every datagram is a message of its own, with the same result")
  void unsegmentedSends() throws Exception {
    try (UdpBatchSocket a = UdpBatchSocket.open(false, false, 0, 4 << 20, false);
        UdpBatchSocket b = UdpBatchSocket.open(false, false, 0, 4 << 20, false)) {
      assertFalse(b.segmentationOffload());
      assertFalse(a.coalescedReceive());
      sendAndCheck(b, a, runsOfEveryShape(), UdpBatchSocket.BATCH);
      assertEquals(0, a.coalescedRuns());
    }
  }

  @Test
  @DisplayName("a socket whose segmented send the kernel refuses sends the rest one by one")
  void refusedSegmentationFallsBack() throws Exception {
    try (UdpBatchSocket a = UdpBatchSocket.open(false, false, 0, 4 << 20);
        UdpBatchSocket b = UdpBatchSocket.open(false, false, 0, 4 << 20);
        java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
      // SO_NO_CHECK: IPv4 datagrams without a UDP checksum, which the kernel cannot segment
      // (EINVAL); unsegmented sends are unaffected.
      java.lang.foreign.MemorySegment one = arena.allocate(4);
      one.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 1);
      Libc.CallState cs = new Libc.CallState(arena);
      assertEquals(0, Libc.setsockopt(cs, b.descriptor(), 1, 11, one, 4), "SO_NO_CHECK");
      assertTrue(b.segmentationOffload());
      sendAndCheck(b, a, runsOfEveryShape(), UdpBatchSocket.BATCH);
      assertFalse(b.segmentationOffload(), "the refusal turned the offload off");
    }
  }
}
