// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import dev.coderdesktop.tunnel.control.proto.Node;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.derp.DerpEndpoint;
import dev.coderdesktop.tunnel.wireguard.config.IpPrefix;
import dev.coderdesktop.tunnel.wireguard.config.PeerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A tailnet node as a WireGuard peer, as both ends of a tunnel program it (our engine for an agent,
 * the testbed's agent for a client): its node key, its allowed IPs, and its node key as the
 * endpoint, so that the transport (DERP, or a direct path when one is up) finds it. Stateless.
 */
public final class NodePeer {

  private NodePeer() {}

  /**
   * The peer for {@code node}, with {@code keepalive} (null for none); throws {@link
   * IllegalArgumentException} when its key or an allowed IP is malformed.
   */
  public static PeerConfig of(Node node, Duration keepalive) {
    Key key = NodeKeys.decodeNodeKey(node.getKey());
    List<IpPrefix> allowed = new ArrayList<>();
    for (String p : node.getAllowedIpsList()) {
      allowed.add(IpPrefix.parse(p));
    }
    return new PeerConfig(key, null, allowed, new DerpEndpoint(key), keepalive);
  }
}
