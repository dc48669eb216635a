// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.testbed.config.NetworkShape;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The router rules each shape gets (the lab test runs them for real). */
class NatRouterTest {

  private static String rules(NetworkShape s) {
    return NatRouter.rules(s).stream().map(r -> String.join(" ", r)).toList().toString();
  }

  @Test
  @DisplayName("nat keeps ports (plain MASQUERADE); hard randomises them; blocked drops UDP")
  void shapes() {
    String nat = rules(NetworkShape.NAT);
    assertTrue(nat.contains("-j MASQUERADE]"), nat);
    assertTrue(!nat.contains("random") && !nat.contains("udp"), nat);
    assertTrue(rules(NetworkShape.HARD).contains("MASQUERADE --random-fully"));
    assertTrue(rules(NetworkShape.BLOCKED).contains("-A FORWARD -p udp -j DROP"));
  }

  @Test
  @DisplayName("every routed shape lets in only replies to what went out")
  void inboundOnlyReplies() {
    for (NetworkShape s : List.of(NetworkShape.NAT, NetworkShape.HARD, NetworkShape.BLOCKED)) {
      List<List<String>> r = NatRouter.rules(s);
      int established = -1;
      int drop = -1;
      for (int i = 0; i < r.size(); i++) {
        String rule = String.join(" ", r.get(i));
        if (rule.contains("-i eth0 -o lan0") && rule.contains("ESTABLISHED")) {
          established = i;
        } else if (rule.equals("-A FORWARD -i eth0 -o lan0 -j DROP")) {
          drop = i;
        }
      }
      assertTrue(established >= 0 && drop > established, s + ": " + r);
    }
    assertThrows(IllegalArgumentException.class, () -> NatRouter.rules(NetworkShape.DIRECT));
    assertEquals(NetworkShape.NAT, NetworkShape.parse("nat"));
  }
}
