// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import com.google.protobuf.ByteString;
import dev.coderdesktop.tunnel.control.Uuids;
import dev.coderdesktop.tunnel.control.proto.CoordinateRequest;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse.PeerUpdate;
import dev.coderdesktop.tunnel.control.proto.Node;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The tailnet coordinator, as Coder's works from the outside: peers (clients and agents) publish
 * their node, clients add tunnels to agents, and the coordinator hands each end of a tunnel the
 * other's node, relays READY_FOR_HANDSHAKE, and says DISCONNECTED when a peer leaves politely or
 * LOST when its connection just drops.
 *
 * <p>Thread-safe: one lock; responses go to each peer's sink, which must not block.
 */
public final class Coordinator {

  /** One connected peer; feed it the peer's requests and close it when the connection ends. */
  public final class Peer {
    private final UUID id;
    private final Consumer<CoordinateResponse> sink;
    private Node node;
    private boolean closed;

    private Peer(UUID id, Consumer<CoordinateResponse> sink) {
      this.id = id;
      this.sink = sink;
    }

    /** The peer's id (an agent's id, or a random id for a client connection). */
    public UUID id() {
      return id;
    }

    /** Applies one request from this peer. */
    public void handle(CoordinateRequest req) {
      synchronized (Coordinator.this) {
        if (closed) {
          return;
        }
        if (req.hasUpdateSelf()) {
          updateSelf(this, req.getUpdateSelf().getNode());
        }
        if (req.hasAddTunnel()) {
          UUID dst = parse(req.getAddTunnel().getId());
          if (dst != null) {
            addTunnel(this, dst);
          }
        }
        if (req.hasRemoveTunnel()) {
          UUID dst = parse(req.getRemoveTunnel().getId());
          if (dst != null) {
            removeTunnel(this, dst);
          }
        }
        for (CoordinateRequest.ReadyForHandshake r : req.getReadyForHandshakeList()) {
          UUID dst = parse(r.getId());
          if (dst != null) {
            readyForHandshake(this, dst);
          }
        }
        if (req.hasDisconnect()) {
          leave(this, PeerUpdate.Kind.DISCONNECTED, "disconnected");
        }
      }
    }

    /** The connection ended without a Disconnect: its peers hear LOST. */
    public void lost() {
      synchronized (Coordinator.this) {
        if (!closed) {
          leave(this, PeerUpdate.Kind.LOST, "lost");
        }
      }
    }

    private UUID parse(ByteString id) {
      try {
        return Uuids.fromBytes(id);
      } catch (IllegalArgumentException e) {
        sink.accept(CoordinateResponse.newBuilder().setError("malformed peer id").build());
        return null;
      }
    }
  }

  // Guarded by this.
  private final Map<UUID, Peer> peers = new HashMap<>();
  private final Map<UUID, Set<UUID>> tunnels = new HashMap<>();

  /** Registers a peer; a second connection with the same id replaces the first. */
  public synchronized Peer connect(UUID id, Consumer<CoordinateResponse> sink) {
    Peer old = peers.get(id);
    if (old != null) {
      old.closed = true;
    }
    Peer p = new Peer(id, sink);
    peers.put(id, p);
    return p;
  }

  /** Ids of the connected peers (for tests and the status page). */
  public synchronized Set<UUID> connected() {
    return Set.copyOf(peers.keySet());
  }

  /** Whether {@code from} has a tunnel to {@code to}. */
  public synchronized boolean hasTunnel(UUID from, UUID to) {
    return tunnels.getOrDefault(from, Set.of()).contains(to);
  }

  private void updateSelf(Peer p, Node node) {
    p.node = node;
    for (Peer other : related(p.id)) {
      other.sink.accept(update(p.id, PeerUpdate.Kind.NODE, node, "update"));
    }
  }

  private void addTunnel(Peer src, UUID dst) {
    if (dst.equals(src.id)) {
      src.sink.accept(CoordinateResponse.newBuilder().setError("cannot tunnel to self").build());
      return;
    }
    tunnels.computeIfAbsent(src.id, k -> new LinkedHashSet<>()).add(dst);
    Peer other = peers.get(dst);
    if (other == null) {
      return;
    }
    if (other.node != null) {
      src.sink.accept(update(dst, PeerUpdate.Kind.NODE, other.node, "new tunnel"));
    }
    if (src.node != null) {
      other.sink.accept(update(src.id, PeerUpdate.Kind.NODE, src.node, "new tunnel"));
    }
  }

  private void removeTunnel(Peer src, UUID dst) {
    Set<UUID> t = tunnels.get(src.id);
    if (t == null || !t.remove(dst)) {
      return;
    }
    Peer other = peers.get(dst);
    if (other != null && !hasTunnel(dst, src.id)) {
      other.sink.accept(update(src.id, PeerUpdate.Kind.DISCONNECTED, null, "tunnel removed"));
    }
  }

  private void readyForHandshake(Peer src, UUID dst) {
    Peer other = peers.get(dst);
    if (other == null || !(hasTunnel(src.id, dst) || hasTunnel(dst, src.id))) {
      src.sink.accept(
          CoordinateResponse.newBuilder()
              .setError("ready for handshake to " + dst + " without a tunnel")
              .build());
      return;
    }
    other.sink.accept(PeerUpdates.response(PeerUpdates.readyForHandshake(src.id)));
  }

  private void leave(Peer p, PeerUpdate.Kind kind, String reason) {
    p.closed = true;
    if (peers.get(p.id) != p) {
      return; // replaced by a newer connection
    }
    for (Peer other : related(p.id)) {
      other.sink.accept(update(p.id, kind, null, reason));
    }
    peers.remove(p.id);
    tunnels.remove(p.id);
  }

  /** Connected peers sharing a tunnel with {@code id}, in either direction. */
  private Set<Peer> related(UUID id) {
    Set<Peer> out = new HashSet<>();
    for (UUID dst : tunnels.getOrDefault(id, Set.of())) {
      Peer p = peers.get(dst);
      if (p != null) {
        out.add(p);
      }
    }
    for (Map.Entry<UUID, Set<UUID>> e : tunnels.entrySet()) {
      if (e.getValue().contains(id)) {
        Peer p = peers.get(e.getKey());
        if (p != null) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static CoordinateResponse update(UUID id, PeerUpdate.Kind kind, Node node, String why) {
    return PeerUpdates.response(PeerUpdates.of(id, kind, node, why));
  }
}
