// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
        Integer want = null;
        int bestBits = -1;
        for (int j = 0; j < prefixes.size(); j++) {
          IpPrefix p = prefixes.get(j);
          if (p.bits() > bestBits
              && new IpPrefix(InetAddress.getByAddress(a), p.bits()).equals(p)) {
            bestBits = p.bits();
            want = owners.get(j);
          }
        }
        assertEquals(want, t.lookup(a, 0, family));
      }
    }
  }
}
