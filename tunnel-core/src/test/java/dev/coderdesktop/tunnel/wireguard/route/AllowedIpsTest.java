// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.wireguard.config.IpPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedIpsTest {

  private static byte[] addr(String s) throws Exception {
    return InetAddress.getByName(s).getAddress();
  }

  @ParameterizedTest(name = "{0} goes to {1}")
  @DisplayName("the longest matching prefix wins, per family")
  @CsvSource(
      nullValues = "none",
      value = {
        "10.1.2.3, ten-one",
        "10.2.2.3, ten",
        "192.0.2.1, default",
        "fd60:627a:a42b::1, host",
        "fd60:627a:a42b::2, coder",
        "2001:db8::1, none"
      })
  void longestPrefix(String address, String owner) throws Exception {
    AllowedIps<String> t = new AllowedIps<>();
    t.insert(IpPrefix.parse("0.0.0.0/0"), "default");
    t.insert(IpPrefix.parse("10.0.0.0/8"), "ten");
    t.insert(IpPrefix.parse("10.1.0.0/16"), "ten-one");
    t.insert(IpPrefix.parse("fd60:627a:a42b::/48"), "coder");
    t.insert(IpPrefix.parse("fd60:627a:a42b::1/128"), "host");
    byte[] a = addr(address);
    assertEquals(owner, t.lookup(a, 0, a.length));
  }

  @Test
  @DisplayName("re-inserting a prefix moves it; removing an owner removes all its prefixes")
  void replaceAndRemove() throws Exception {
    AllowedIps<String> t = new AllowedIps<>();
    t.insert(IpPrefix.parse("10.0.0.0/24"), "a");
    t.insert(IpPrefix.parse("10.0.1.0/24"), "a");
    t.insert(IpPrefix.parse("10.0.0.0/24"), "b");
    assertEquals("b", t.lookup(addr("10.0.0.9"), 0, 4));
    assertEquals(List.of(IpPrefix.parse("10.0.1.0/24")), t.prefixesOf("a"));
    t.removeByOwner("a");
    assertNull(t.lookup(addr("10.0.1.9"), 0, 4));
    assertEquals("b", t.lookup(addr("10.0.0.9"), 0, 4));
  }

  @Test
  @DisplayName("matches a linear scan on random prefixes and addresses")
  void randomizedAgainstLinearScan() throws Exception {
    Random rnd = new Random(99);
    for (int family : new int[] {4, 16}) {
      AllowedIps<Integer> t = new AllowedIps<>();
      List<IpPrefix> prefixes = new ArrayList<>();
      List<Integer> owners = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        byte[] a = new byte[family];
        rnd.nextBytes(a);
        a[0] = (byte) (a[0] & 0x0f); // cluster so prefixes overlap
        IpPrefix p = new IpPrefix(InetAddress.getByAddress(a), rnd.nextInt(family * 8 + 1));
        int idx = prefixes.indexOf(p);
        if (idx >= 0) {
          prefixes.remove(idx);
          owners.remove(idx);
        }
        prefixes.add(p);
        owners.add(i);
        t.insert(p, i);
      }
      for (int i = 0; i < 3000; i++) {
        byte[] a = new byte[family];
        rnd.nextBytes(a);
        a[0] = (byte) (a[0] & 0x0f);
        assertEquals(scan(prefixes, owners, a), t.lookup(a, 0, family));
      }
    }
  }

  @Test
  @DisplayName("random inserts, replacements and removals match a linear scan, in few nodes")
  void randomChurnAgainstLinearScan() throws Exception {
    Random rnd = new Random(7);
    for (int family : new int[] {4, 16}) {
      AllowedIps<Integer> t = new AllowedIps<>();
      List<IpPrefix> prefixes = new ArrayList<>();
      List<Integer> owners = new ArrayList<>();
      for (int round = 0; round < 2000; round++) {
        if (rnd.nextInt(4) == 0 && !owners.isEmpty()) {
          Integer gone = owners.get(rnd.nextInt(owners.size()));
          t.removeByOwner(gone);
          for (int j = owners.size() - 1; j >= 0; j--) {
            if (owners.get(j).equals(gone)) {
              owners.remove(j);
              prefixes.remove(j);
            }
          }
        } else {
          byte[] a = new byte[family];
          rnd.nextBytes(a);
          a[0] = (byte) (a[0] & 0x03); // cluster, so prefixes nest and share long runs
          IpPrefix p = new IpPrefix(InetAddress.getByAddress(a), rnd.nextInt(family * 8 + 1));
          Integer owner = rnd.nextInt(40); // owners hold several prefixes
          int idx = prefixes.indexOf(p);
          if (idx >= 0) {
            prefixes.remove(idx);
            owners.remove(idx);
          }
          prefixes.add(p);
          owners.add(owner);
          t.insert(p, owner);
        }
        assertTrue(
            t.nodeCount() < 2 * Math.max(1, prefixes.size()),
            t.nodeCount() + " nodes for " + prefixes.size() + " prefixes");
        t.checkShape();
        if (round % 50 == 0) {
          for (int i = 0; i < 200; i++) {
            byte[] a = new byte[family];
            if (i % 2 == 0 && !prefixes.isEmpty()) {
              // Inside (or at the edge of) a known prefix, so long matches are exercised.
              a = prefixes.get(rnd.nextInt(prefixes.size())).address().getAddress();
              a[a.length - 1] ^= (byte) rnd.nextInt(4);
            } else {
              rnd.nextBytes(a);
              a[0] = (byte) (a[0] & 0x03);
            }
            assertEquals(scan(prefixes, owners, a), t.lookup(a, 0, family));
          }
          for (Integer o : new java.util.HashSet<>(owners)) {
            List<IpPrefix> want = new ArrayList<>();
            for (int j = 0; j < owners.size(); j++) {
              if (owners.get(j).equals(o)) {
                want.add(prefixes.get(j));
              }
            }
            assertEquals(
                new java.util.HashSet<>(want), new java.util.HashSet<>(t.prefixesOf(o)), "of " + o);
          }
        }
      }
    }
  }

  @Test
  @DisplayName("a thousand peers' addresses take a couple of nodes each and look up at any offset")
  void thousandPeers() throws Exception {
    AllowedIps<Integer> t = new AllowedIps<>();
    for (int i = 0; i < 1000; i++) {
      t.insert(IpPrefix.parse("fd7a:115c:a1e0:" + Integer.toHexString(i) + "::1/128"), i);
      t.insert(IpPrefix.parse("fd60:627a:a42b:" + Integer.toHexString(i) + "::1/128"), i);
    }
    assertTrue(t.nodeCount() < 4000, t.nodeCount() + " nodes for 2,000 prefixes");
    byte[] packet = new byte[40];
    byte[] a = addr("fd60:627a:a42b:3e7::1");
    System.arraycopy(a, 0, packet, 24, 16); // as a destination address sits in an IPv6 header
    assertEquals(999, t.lookup(packet, 24, 16));
    packet[39] = 2;
    assertNull(t.lookup(packet, 24, 16), "a /128 matches its one address only");
    t.removeByOwner(999);
    packet[39] = 1;
    assertNull(t.lookup(packet, 24, 16));
    assertEquals(998, t.lookup(addr("fd7a:115c:a1e0:3e6::1"), 0, 16));
  }

  private static Integer scan(List<IpPrefix> prefixes, List<Integer> owners, byte[] a)
      throws Exception {
    Integer want = null;
    int bestBits = -1;
    for (int j = 0; j < prefixes.size(); j++) {
      IpPrefix p = prefixes.get(j);
      if (p.bits() > bestBits && new IpPrefix(InetAddress.getByAddress(a), p.bits()).equals(p)) {
        bestBits = p.bits();
        want = owners.get(j);
      }
    }
    return want;
  }
}
