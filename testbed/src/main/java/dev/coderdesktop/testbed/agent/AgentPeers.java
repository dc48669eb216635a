// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.agent;

import dev.coderdesktop.tunnel.connect.NodeKeys;
import dev.coderdesktop.tunnel.connect.NodePeer;
import dev.coderdesktop.tunnel.control.Uuids;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.Node;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.derp.DerpRelays;
import dev.coderdesktop.tunnel.disco.DiscoHandler;
import dev.coderdesktop.tunnel.path.DirectTransport;
import dev.coderdesktop.tunnel.path.Endpoints;
import dev.coderdesktop.tunnel.wireguard.Device;
import dev.coderdesktop.tunnel.wireguard.config.PeerConfig;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The clients the coordinator hands the agent, as a Coder agent takes them in: each client's node
 * becomes a WireGuard peer addressed by its node key, a disco peer, and (with direct paths on) a
 * set of candidate endpoints that the path layer pings; then the coordinator hears that we are
 * ready for the client's handshake. A client that disconnects is forgotten everywhere.
 *
 * <p>Thread-safe; updates arrive on the coordination thread.
 */
final class AgentPeers {

  private static final Logger LOG = Logger.getLogger(AgentPeers.class.getName());

  private final Device device;
  private final DerpRelays relays;
  private final DiscoHandler disco;
  private final Optional<DirectTransport> direct;
  private final Consumer<UUID> readyForHandshake;
  private final Map<UUID, Key> clients = new ConcurrentHashMap<>();

  /**
   * @param relays the DERP relays (a client is reached through its home region)
   * @param direct the path layer, absent when direct connections are off
   * @param readyForHandshake tells the coordinator a client's node is in
   */
  AgentPeers(
      Device device,
      DerpRelays relays,
      DiscoHandler disco,
      Optional<DirectTransport> direct,
      Consumer<UUID> readyForHandshake) {
    this.device = device;
    this.relays = relays;
    this.disco = disco;
    this.direct = direct;
    this.readyForHandshake = readyForHandshake;
  }

  /** One peer update from the coordinator. */
  void onUpdate(CoordinateResponse.PeerUpdate u) {
    UUID client;
    try {
      client = Uuids.fromBytes(u.getId());
    } catch (IllegalArgumentException e) {
      return;
    }
    switch (u.getKind()) {
      case NODE -> add(client, u.getNode());
      case DISCONNECTED -> {
        Key key = clients.remove(client);
        if (key != null) {
          forget(key);
          LOG.info("client " + client + " left");
        }
      }
      default -> {
        // LOST clients keep their peer: the session may still work.
      }
    }
  }

  private void add(UUID client, Node node) {
    PeerConfig peer;
    try {
      peer = NodePeer.of(node, null);
    } catch (IllegalArgumentException e) {
      LOG.warning("ignoring a malformed node: " + e.getMessage());
      return;
    }
    Key key = peer.publicKey();
    Key old = clients.put(client, key);
    if (old != null && !old.equals(key)) {
      forget(old);
    }
    relays.setPeerRegion(key, node.getPreferredDerp());
    device.addPeer(peer);
    if (!node.getDisco().isEmpty()) {
      try {
        disco.setPeer(key, NodeKeys.decodeDiscoKey(node.getDisco()));
      } catch (IllegalArgumentException e) {
        LOG.warning("client " + client + " sent a malformed disco key");
      }
    }
    direct.ifPresent(d -> d.paths().setPeer(key, Endpoints.parse(node.getEndpointsList())));
    LOG.info(
        "client "
            + client
            + " added with endpoints "
            + node.getEndpointsList()
            + ", home region "
            + node.getPreferredDerp());
    readyForHandshake.accept(client);
  }

  private void forget(Key key) {
    relays.removePeer(key);
    direct.ifPresent(d -> d.paths().removePeer(key));
    disco.removePeer(key);
    device.removePeer(key);
  }
}
