// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.coder.sdk.Values;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The STUN servers of a deployment's DERP map: every node with a STUN port (0 means 3478, a
 * negative one none), relay nodes and STUN-only nodes alike, at its forced IPv4 or IPv6 address or
 * else its host name's addresses. Resolving happens once, at sign-in; a name that does not resolve
 * is skipped. Stateless.
 */
final class StunServers {

  private static final Logger LOG = Logger.getLogger(StunServers.class.getName());
  private static final int DEFAULT_PORT = 3478;

  private StunServers() {}

  /** The resolved STUN servers, in region and node order, without duplicates. */
  static List<InetSocketAddress> of(Values.DerpMap map) {
    Set<InetSocketAddress> out = new LinkedHashSet<>();
    if (map == null || map.regions() == null) {
      return List.of();
    }
    List<Values.DerpRegion> regions = new ArrayList<>(map.regions().values());
    regions.sort(Comparator.comparingInt(Values.DerpRegion::regionId));
    for (Values.DerpRegion r : regions) {
      if (r.nodes() == null) {
        continue;
      }
      for (Values.DerpNode n : r.nodes()) {
        if (n.stunPort() < 0) {
          continue;
        }
        int port = n.stunPort() == 0 ? DEFAULT_PORT : n.stunPort();
        for (InetAddress a : addresses(n)) {
          out.add(new InetSocketAddress(a, port));
        }
      }
    }
    return List.copyOf(out);
  }

  private static List<InetAddress> addresses(Values.DerpNode n) {
    List<InetAddress> out = new ArrayList<>();
    for (String literal : new String[] {n.ipv4(), n.ipv6()}) {
      if (literal != null && !literal.isBlank() && !literal.equals("none")) {
        try {
          out.add(InetAddress.ofLiteral(literal));
        } catch (IllegalArgumentException e) {
          LOG.info(() -> "ignoring a STUN node's address " + literal);
        }
      }
    }
    if (out.isEmpty() && n.hostName() != null && !n.hostName().isBlank()) {
      try {
        out.addAll(List.of(InetAddress.getAllByName(n.hostName())));
      } catch (UnknownHostException e) {
        LOG.info(() -> "the STUN node " + n.hostName() + " does not resolve; skipped");
      }
    }
    return out;
  }
}
