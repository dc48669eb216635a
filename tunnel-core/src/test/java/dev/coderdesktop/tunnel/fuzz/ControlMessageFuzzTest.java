// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.coderdesktop.tunnel.connect.NodeKeys;
import dev.coderdesktop.tunnel.control.Uuids;
import dev.coderdesktop.tunnel.control.WorkspaceState;
import dev.coderdesktop.tunnel.control.proto.Agent;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.DERPMap;
import dev.coderdesktop.tunnel.control.proto.Node;
import dev.coderdesktop.tunnel.control.proto.Workspace;
import dev.coderdesktop.tunnel.control.proto.WorkspaceUpdate;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.wireguard.config.IpPrefix;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated tailnet control messages (CoordinateResponse, WorkspaceUpdate, DERPMap) through protobuf
 * decoding and on into what the engine does with them: ids to UUIDs, node and disco keys, allowed
 * IPs, the workspace state. Rejections may only be the typed ones the engine catches.
 */
@Timeout(120)
class ControlMessageFuzzTest {

  private static byte[] coordinate(int peers) {
    CoordinateResponse.Builder b = CoordinateResponse.newBuilder();
    for (int i = 0; i < peers; i++) {
      UUID id = new UUID(7, i);
      byte[] disco = X25519.publicKey(X25519.generatePrivateKey()).bytes();
      b.addPeerUpdates(
          CoordinateResponse.PeerUpdate.newBuilder()
              .setId(Uuids.toBytes(id))
              .setKind(CoordinateResponse.PeerUpdate.Kind.NODE)
              .setNode(
                  Node.newBuilder()
                      .setId(i)
                      .setKey(NodeKeys.encodeNodeKey(X25519.publicKey(X25519.generatePrivateKey())))
                      .setDisco("discokey:" + HexFormat.of().formatHex(disco))
                      .setPreferredDerp(999)
                      .putDerpLatency("999-v4", 0.012)
                      .addAddresses("fd60:627a:a42b:1::" + Integer.toHexString(i + 1) + "/128")
                      .addAllowedIps("fd60:627a:a42b:1::" + Integer.toHexString(i + 1) + "/128")
                      .addEndpoints("192.0.2.1:41641")));
    }
    return b.build().toByteArray();
  }

  private static byte[] workspaces(int n) {
    WorkspaceUpdate.Builder b = WorkspaceUpdate.newBuilder();
    for (int i = 0; i < n; i++) {
      ByteString ws = Uuids.toBytes(new UUID(1, i));
      b.addUpsertedWorkspaces(
          Workspace.newBuilder().setId(ws).setName("ws" + i).setStatus(Workspace.Status.RUNNING));
      b.addUpsertedAgents(
          Agent.newBuilder()
              .setId(Uuids.toBytes(new UUID(2, i)))
              .setName("main")
              .setWorkspaceId(ws));
      if (i % 3 == 0) {
        b.addDeletedAgents(Agent.newBuilder().setId(Uuids.toBytes(new UUID(2, i + 1))));
      }
    }
    return b.build().toByteArray();
  }

  private static byte[] derpMap() {
    DERPMap.Builder b = DERPMap.newBuilder();
    for (int r = 1; r <= 3; r++) {
      b.putRegions(
          r,
          DERPMap.Region.newBuilder()
              .setRegionId(r)
              .setRegionCode("r" + r)
              .setRegionName("Region " + r)
              .addNodes(
                  DERPMap.Region.Node.newBuilder()
                      .setName(r + "a")
                      .setRegionId(r)
                      .setHostName("derp" + r + ".example.com")
                      .setDerpPort(443)
                      .setStunPort(3478))
              .build());
    }
    return b.build().toByteArray();
  }

  @Test
  @DisplayName("mutated control messages decode to something the engine handles, or are rejected")
  void controlMessages() {
    Mutator m = new Mutator(0xc0de_c0deL);
    // Small and realistic sizes, and a few as large as a deployment with many agents sends.
    byte[][] seeds = {
      coordinate(1), coordinate(4), coordinate(200), workspaces(2), workspaces(300), derpMap()
    };
    int parsed = 0;
    for (int i = 0; i < Mutator.iterations(); i++) {
      // Large seeds (a deployment with hundreds of agents) one time in 200.
      int[] small = {0, 1, 3, 5};
      int which =
          m.random().nextInt(200) == 0
              ? (m.random().nextBoolean() ? 2 : 4)
              : small[m.random().nextInt(small.length)];
      byte[] input = m.mutate(seeds[which]);
      try {
        parsed += exercise(which, input);
      } catch (RuntimeException e) {
        fail(
            "input "
                + i
                + " ("
                + HexFormat.of().formatHex(input, 0, Math.min(64, input.length))
                + "...) threw "
                + e,
            e);
      }
    }
    assertTrue(parsed > Mutator.iterations() / 10, "most mutations still parse: " + parsed);
  }

  /** Decodes and handles like the engine; returns 1 when the bytes parsed. */
  private static int exercise(int which, byte[] input) {
    try {
      if (which <= 2) {
        for (CoordinateResponse.PeerUpdate u :
            CoordinateResponse.parseFrom(input).getPeerUpdatesList()) {
          handlePeer(u);
        }
      } else if (which <= 4) {
        WorkspaceState s = WorkspaceState.EMPTY.apply(WorkspaceUpdate.parseFrom(input));
        for (UUID w : s.workspaces().keySet()) {
          s.agentsOf(w);
        }
      } else {
        DERPMap.parseFrom(input).getRegionsMap().values().forEach(r -> r.getNodesList().size());
      }
      return 1;
    } catch (InvalidProtocolBufferException e) {
      return 0;
    }
  }

  private static void handlePeer(CoordinateResponse.PeerUpdate u) {
    try {
      Uuids.fromBytes(u.getId());
    } catch (IllegalArgumentException expected) {
      // The engine logs and ignores the update.
    }
    Node n = u.getNode();
    try {
      NodeKeys.decodeNodeKey(n.getKey());
      for (String p : n.getAllowedIpsList()) {
        IpPrefix.parse(p);
      }
    } catch (IllegalArgumentException expected) {
      // A malformed node is ignored.
    }
    if (!n.getDisco().isEmpty()) {
      try {
        NodeKeys.decodeDiscoKey(n.getDisco());
      } catch (IllegalArgumentException expected) {
        // The peer gets no disco.
      }
    }
  }
}
