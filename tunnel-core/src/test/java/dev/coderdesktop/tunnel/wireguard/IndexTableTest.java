// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.bind.ChannelBind;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.time.VirtualClock;
import dev.coderdesktop.tunnel.tun.ChannelTun;
import dev.coderdesktop.tunnel.wireguard.config.Config;
import dev.coderdesktop.tunnel.wireguard.config.PeerConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class IndexTableTest {

  /** Replays a fixed sequence of "random" indexes. */
  private static RandomGenerator sequence(int... values) {
    int[] next = {0};
    return intGenerator(() -> values[next[0]++ % values.length]);
  }

  /** RandomGenerator's own nextInt() takes the high half of nextLong(), so override it. */
  private static RandomGenerator intGenerator(java.util.function.IntSupplier ints) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return ints.getAsInt();
      }

      @Override
      public int nextInt() {
        return ints.getAsInt();
      }
    };
  }

  private static Peer[] peers(int n) {
    ChannelBind.Network net = new ChannelBind.Network();
    List<PeerConfig> configs = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      configs.add(
          new PeerConfig(
              X25519.publicKey(X25519.generatePrivateKey()), null, List.of(), null, Duration.ZERO));
    }
    Device d =
        new Device(
            new Config(X25519.generatePrivateKey(), 0, List.of(), configs),
            new ChannelTun("t", 1420),
            net.newBind(),
            new VirtualClock(),
            WireGuardTimings.standard());
    Peer[] out = new Peer[n];
    for (int i = 0; i < n; i++) {
      out[i] = d.peer(configs.get(i).publicKey());
    }
    d.close();
    return out;
  }

  @Test
  @Timeout(10)
  @DisplayName("a drawn index that is already live is skipped")
  void collisionFree() {
    Peer[] p = peers(2);
    IndexTable t = new IndexTable(sequence(7, 7, 7, -3));
    assertEquals(7, t.newIndexForHandshake(p[0]));
    assertEquals(-3, t.newIndexForHandshake(p[1]));
    assertSame(p[0], t.lookup(7).peer());
    assertSame(p[1], t.lookup(-3).peer());
    assertNull(t.lookup(8));
  }

  @Test
  @DisplayName("deleteAll removes exactly one peer's indexes")
  void deleteAll() {
    Peer[] p = peers(2);
    IndexTable t = new IndexTable(new Random(1));
    int a1 = t.newIndexForHandshake(p[0]);
    int a2 = t.newIndexForHandshake(p[0]);
    int b1 = t.newIndexForHandshake(p[1]);
    assertNotEquals(a1, a2);
    t.deleteAll(p[0]);
    assertNull(t.lookup(a1));
    assertNull(t.lookup(a2));
    assertNotNull(t.lookup(b1));
    assertEquals(1, t.size());
  }

  @Test
  @DisplayName("random adds and deletes agree with a hash map, including colliding probes")
  void agreesWithMap() {
    Peer[] p = peers(3);
    // A narrow index range makes collisions and long probe chains common.
    Random rnd = new Random(99);
    IndexTable t = new IndexTable(intGenerator(() -> rnd.nextInt(4096)));
    Map<Integer, Peer> model = new HashMap<>();
    for (int step = 0; step < 20_000; step++) {
      if (model.size() < 1000 && rnd.nextInt(3) > 0) {
        Peer owner = p[rnd.nextInt(p.length)];
        int index = t.newIndexForHandshake(owner);
        assertNull(model.put(index, owner), "index reused while live");
      } else if (!model.isEmpty()) {
        Integer victim = model.keySet().iterator().next();
        t.delete(victim);
        model.remove(victim);
      }
      if (step % 97 == 0) {
        for (int q = 0; q < 4096; q += 7) {
          IndexTable.Entry e = t.lookup(q);
          assertSame(model.get(q), e == null ? null : e.peer(), "index " + q);
        }
        assertEquals(model.size(), t.size());
        assertTrue(t.capacity() <= 4096, "the table grows with the live indexes, not the changes");
      }
    }
  }

  @Test
  @DisplayName(
      "lock-free lookups never lose a live index while others come, go and the table grows")
  void lookupsDuringChurn() throws Exception {
    Peer[] p = peers(2);
    IndexTable t = new IndexTable(new Random(5));
    int[] stable = new int[64];
    for (int i = 0; i < stable.length; i++) {
      stable[i] = t.newIndexForHandshake(p[0]);
    }
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> wrong = new AtomicReference<>();
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!done.get() && wrong.get() == null) {
                    for (int index : stable) {
                      IndexTable.Entry e = t.lookup(index);
                      if (e == null || e.peer() != p[0]) {
                        wrong.set("index " + index + " read as " + e);
                      }
                    }
                  }
                });
    List<Integer> churn = new java.util.ArrayList<>();
    Random rnd = new Random(6);
    for (int step = 0; step < 200_000 && wrong.get() == null; step++) {
      if (churn.size() < 2000 && (churn.isEmpty() || rnd.nextInt(5) < 3)) {
        churn.add(t.newIndexForHandshake(p[1]));
      } else {
        t.delete(churn.remove(rnd.nextInt(churn.size())));
      }
    }
    t.deleteAll(p[1]);
    done.set(true);
    reader.join(5000);
    assertNull(wrong.get());
    assertEquals(stable.length, t.size());
  }
}
