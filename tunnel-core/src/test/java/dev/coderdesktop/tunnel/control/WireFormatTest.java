// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import dev.coderdesktop.tunnel.control.proto.Agent;
import dev.coderdesktop.tunnel.control.proto.CoordinateRequest;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.Node;
import dev.coderdesktop.tunnel.control.proto.Workspace;
import dev.coderdesktop.tunnel.control.proto.WorkspaceUpdate;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  private static final UUID AGENT = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  private static final UUID WS = UUID.fromString("00000000-0000-4000-8000-000000000001");

  @Test
  @DisplayName("add_tunnel encodes as field 3 holding the 16 UUID bytes")
  void addTunnelBytes() {
    CoordinateRequest r =
        CoordinateRequest.newBuilder()
            .setAddTunnel(CoordinateRequest.Tunnel.newBuilder().setId(Uuids.toBytes(AGENT)))
            .build();
    assertEquals(
        "1a12" + "0a10" + "6ba7b8109dad11d180b400c04fd430c8",
        HexFormat.of().formatHex(r.toByteArray()));
  }

  @Test
  @DisplayName("a Node carries the key as \"np\" plus 32 bytes in field 3 and preferred_derp in 5")
  void nodeBytes() {
    byte[] key = new byte[34];
    key[0] = 'n';
    key[1] = 'p';
    Node n =
        Node.newBuilder().setId(1).setKey(ByteString.copyFrom(key)).setPreferredDerp(999).build();
    String hex = HexFormat.of().formatHex(n.toByteArray());
    assertEquals("0801" + "1a22" + "6e70" + "00".repeat(32) + "28e707", hex);
  }

  @Test
  @DisplayName("READY_FOR_HANDSHAKE is kind 4 and error is field 2")
  void responseFields() throws Exception {
    byte[] wire = HexFormat.of().parseHex("0a0218041203626164");
    CoordinateResponse r = CoordinateResponse.parseFrom(wire);
    assertEquals(
        CoordinateResponse.PeerUpdate.Kind.READY_FOR_HANDSHAKE, r.getPeerUpdates(0).getKind());
    assertEquals("bad", r.getError());
  }

  @Test
  @DisplayName("workspace updates apply in Coder's order and a deleted workspace takes its agents")
  void workspaceState() {
    WorkspaceUpdate snapshot =
        Snapshots.oneAgent(WS, "dev", AGENT)
            .addUpsertedAgents(Agent.newBuilder().setId(ByteString.copyFromUtf8("short")))
            .build();
    WorkspaceState s = WorkspaceState.EMPTY.apply(snapshot);
    assertEquals(1, s.workspaces().size());
    assertEquals("main", s.agentsOf(WS).get(0).name());
    WorkspaceState stopped =
        s.apply(
            WorkspaceUpdate.newBuilder()
                .addUpsertedWorkspaces(
                    Workspace.newBuilder()
                        .setId(Uuids.toBytes(WS))
                        .setName("dev")
                        .setStatus(Workspace.Status.STOPPED))
                .addDeletedAgents(Agent.newBuilder().setId(Uuids.toBytes(AGENT)))
                .build());
    assertEquals(Workspace.Status.STOPPED, stopped.workspaces().get(WS).status());
    assertEquals(0, stopped.agents().size());
    WorkspaceState gone =
        s.apply(
            WorkspaceUpdate.newBuilder()
                .addDeletedWorkspaces(Workspace.newBuilder().setId(Uuids.toBytes(WS)))
                .build());
    assertEquals(WorkspaceState.EMPTY, gone);
  }
}
