// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.wireguard.config.IpPrefix;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedIpsTest {

  private static byte[] addr(String text) {
    return IpPrefix.parse(text).address();
  }

  private static AllowedIps<String> table() {
    AllowedIps<String> t = new AllowedIps<>();
    t.insert(IpPrefix.parse("0.0.0.0/0"), "default");
    t.insert(IpPrefix.parse("10.0.0.0/8"), "a");
    t.insert(IpPrefix.parse("10.1.0.0/16"), "b");
    t.insert(IpPrefix.parse("10.1.2.3/32"), "c");
    t.insert(IpPrefix.parse("fd00::/8"), "v6a");
    t.insert(IpPrefix.parse("fd7a:115c:a1e0::/48"), "v6b");
    t.insert(IpPrefix.parse("fd7a:115c:a1e0::1/128"), "v6c");
    return t;
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "10.1.2.3, c",
    "10.1.2.4, b",
    "10.2.0.1, a",
    "192.168.1.1, default",
    "fd7a:115c:a1e0::1, v6c",
    "fd7a:115c:a1e0::2, v6b",
    "fd01::1, v6a",
    "2001:db8::1, ",
  })
  @DisplayName("lookup finds the longest matching prefix")
  void longestPrefix(String address, String owner) {
    AllowedIps<String> t = table();
    assertEquals(owner, t.lookup(addr(address)));
    ByteBuffer buf = ByteBuffer.allocateDirect(64);
    byte[] a = addr(address);
    buf.put(20, a);
    String viaBuffer = a.length == 4 ? t.lookupIpv4(buf, 20) : t.lookupIpv6(buf, 20);
    assertEquals(owner, viaBuffer);
  }

  @Test
  @DisplayName("inserting an existing prefix replaces its owner")
  void replace() {
    AllowedIps<String> t = table();
    t.insert(IpPrefix.parse("10.1.0.0/16"), "z");
    assertEquals("z", t.lookup(addr("10.1.9.9")));
    assertEquals(List.of(), t.prefixesOf("b"));
  }

  @Test
  @DisplayName("removeByPeer removes every prefix of that owner and nothing else")
  void removeByPeer() {
    AllowedIps<String> t = table();
    t.insert(IpPrefix.parse("172.16.0.0/12"), "b");
    t.removeByPeer("b");
    assertEquals("a", t.lookup(addr("10.1.2.4")));
    assertEquals("default", t.lookup(addr("172.16.0.1")));
    assertEquals("c", t.lookup(addr("10.1.2.3")));
    assertEquals(List.of(), t.prefixesOf("b"));
  }

  @Test
  @DisplayName("remove deletes exactly one prefix")
  void removeExact() {
    AllowedIps<String> t = table();
    assertTrue(t.remove(IpPrefix.parse("10.1.2.3/32")));
    assertFalse(t.remove(IpPrefix.parse("10.1.2.3/32")));
    assertEquals("b", t.lookup(addr("10.1.2.3")));
    t.clear();
    assertNull(t.lookup(addr("10.1.2.3")));
  }

  @Test
  @DisplayName("randomized tables agree with a naive linear scan")
  void randomizedAgainstLinearScan() {
    Random rnd = new Random(0xA11CE);
    for (int round = 0; round < 40; round++) {
      boolean v6 = round % 2 == 1;
      int len = v6 ? 16 : 4;
      AllowedIps<Integer> trie = new AllowedIps<>();
      Map<IpPrefix, Integer> naive = new LinkedHashMap<>();
      List<Integer> owners = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        owners.add(i); // boxed Integers 0..127 are cached, so identity holds.
      }
      byte[] base = new byte[len];
      rnd.nextBytes(base);
      for (int i = 0; i < 200; i++) {
        byte[] a = base.clone();
        // Share leading bits often so prefixes nest.
        a[rnd.nextInt(len)] ^= (byte) rnd.nextInt(256);
        IpPrefix p = IpPrefix.of(a, rnd.nextInt(len * 8 + 1));
        Integer owner = owners.get(rnd.nextInt(owners.size()));
        trie.insert(p, owner);
        naive.put(p, owner);
        if (rnd.nextInt(20) == 0) {
          Integer gone = owners.get(rnd.nextInt(owners.size()));
          trie.removeByPeer(gone);
          naive.values().removeIf(o -> o.equals(gone));
        }
      }
      for (int q = 0; q < 500; q++) {
        byte[] a = base.clone();
        for (int k = 0; k < 2; k++) {
          a[rnd.nextInt(len)] ^= (byte) (1 << rnd.nextInt(8));
        }
        if (q % 10 == 0) {
          rnd.nextBytes(a);
        }
        Integer expect = null;
        int bestBits = -1;
        for (Map.Entry<IpPrefix, Integer> e : naive.entrySet()) {
          if (e.getKey().contains(a) && e.getKey().bits() > bestBits) {
            bestBits = e.getKey().bits();
            expect = e.getValue();
          }
        }
        assertSame(expect, trie.lookup(a), "round " + round + " query " + q);
      }
    }
  }
}
