// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import dev.coderdesktop.testbed.deployment.Deployment;
import dev.coderdesktop.tunnel.control.Uuids;
import dev.coderdesktop.tunnel.control.proto.Agent;
import dev.coderdesktop.tunnel.control.proto.Workspace;
import dev.coderdesktop.tunnel.control.proto.WorkspaceUpdate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The WorkspaceUpdates stream's messages: a snapshot is the difference from nothing, and each later
 * message the difference between two views of a user's workspaces. Agents exist only while their
 * workspace runs, as in Coder, where a stopped workspace's agents are deleted. Stateless.
 */
public final class WorkspaceFeed {

  private WorkspaceFeed() {}

  /** What changed from {@code before} to {@code after}; empty when nothing did. */
  public static WorkspaceUpdate diff(
      List<Deployment.Workspace> before, List<Deployment.Workspace> after) {
    Map<UUID, Deployment.Workspace> old = byId(before);
    Map<UUID, Deployment.Workspace> now = byId(after);
    Map<UUID, Agent> oldAgents = agents(before);
    Map<UUID, Agent> newAgents = agents(after);
    WorkspaceUpdate.Builder u = WorkspaceUpdate.newBuilder();
    for (Deployment.Workspace w : after) {
      Deployment.Workspace prev = old.get(w.id());
      if (prev == null || prev.running() != w.running() || !prev.name().equals(w.name())) {
        u.addUpsertedWorkspaces(proto(w));
      }
    }
    for (Map.Entry<UUID, Agent> e : newAgents.entrySet()) {
      if (!e.getValue().equals(oldAgents.get(e.getKey()))) {
        u.addUpsertedAgents(e.getValue());
      }
    }
    for (Map.Entry<UUID, Agent> e : oldAgents.entrySet()) {
      if (!newAgents.containsKey(e.getKey())) {
        u.addDeletedAgents(e.getValue());
      }
    }
    for (Deployment.Workspace w : before) {
      if (!now.containsKey(w.id())) {
        u.addDeletedWorkspaces(proto(w));
      }
    }
    return u.build();
  }

  private static Workspace proto(Deployment.Workspace w) {
    return Workspace.newBuilder()
        .setId(Uuids.toBytes(w.id()))
        .setName(w.name())
        .setStatus(w.running() ? Workspace.Status.RUNNING : Workspace.Status.STOPPED)
        .build();
  }

  private static Map<UUID, Deployment.Workspace> byId(List<Deployment.Workspace> list) {
    Map<UUID, Deployment.Workspace> m = new LinkedHashMap<>();
    list.forEach(w -> m.put(w.id(), w));
    return m;
  }

  private static Map<UUID, Agent> agents(List<Deployment.Workspace> list) {
    Map<UUID, Agent> m = new LinkedHashMap<>();
    for (Deployment.Workspace w : list) {
      if (!w.running()) {
        continue;
      }
      for (Deployment.Agent a : w.agents()) {
        m.put(
            a.id(),
            Agent.newBuilder()
                .setId(Uuids.toBytes(a.id()))
                .setName(a.name())
                .setWorkspaceId(Uuids.toBytes(w.id()))
                .build());
      }
    }
    return m;
  }
}
