// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import dev.coderdesktop.tunnel.control.Uuids;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse.PeerUpdate;
import dev.coderdesktop.tunnel.control.proto.Node;
import java.util.UUID;

/**
 * What the coordinator tells a peer about another one, built in one place for the {@link
 * Coordinator} and for tests that play the coordinator to a client. Stateless.
 */
public final class PeerUpdates {

  private PeerUpdates() {}

  /** News about {@code peer} of {@code kind}, with its {@code node} when not null. */
  public static PeerUpdate of(UUID peer, PeerUpdate.Kind kind, Node node, String reason) {
    PeerUpdate.Builder u =
        PeerUpdate.newBuilder().setId(Uuids.toBytes(peer)).setKind(kind).setReason(reason);
    if (node != null) {
      u.setNode(node);
    }
    return u.build();
  }

  /** {@code peer}'s node, new or changed. */
  public static PeerUpdate node(UUID peer, Node node, String reason) {
    return of(peer, PeerUpdate.Kind.NODE, node, reason);
  }

  /** {@code peer} has programmed the receiver as its peer and waits for its handshake. */
  public static PeerUpdate readyForHandshake(UUID peer) {
    return of(peer, PeerUpdate.Kind.READY_FOR_HANDSHAKE, null, "ready");
  }

  /** One response carrying {@code updates} in order. */
  public static CoordinateResponse response(PeerUpdate... updates) {
    CoordinateResponse.Builder r = CoordinateResponse.newBuilder();
    for (PeerUpdate u : updates) {
      r.addPeerUpdates(u);
    }
    return r.build();
  }
}
