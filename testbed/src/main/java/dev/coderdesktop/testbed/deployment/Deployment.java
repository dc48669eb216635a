// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.deployment;

import dev.coderdesktop.testbed.config.NetworkShape;
import dev.coderdesktop.testbed.config.TestbedConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The live state of a testbed deployment: accounts, tokens (which can be revoked), workspaces
 * (which can be stopped and started) and the agent tokens handed to agent processes. Ids are
 * derived from names, so the same config gives the same ids (and tailnet addresses) every run.
 *
 * <p>Thread-safe; every change is announced to the listeners after the lock is released.
 */
public final class Deployment {

  /**
   * A user.
   *
   * @param id id
   * @param username name
   */
  public record User(UUID id, String username) {}

  /**
   * An agent.
   *
   * @param id id (its tailnet address is derived from it)
   * @param name name
   * @param network how its namespace sits on the lab network
   */
  public record Agent(UUID id, String name, NetworkShape network) {}

  /**
   * A workspace.
   *
   * @param id id
   * @param name name
   * @param owner the owning user
   * @param running whether it is running (agents exist only then)
   * @param agents its agents
   */
  public record Workspace(UUID id, String name, User owner, boolean running, List<Agent> agents) {

    /** Copies the list. */
    public Workspace {
      agents = List.copyOf(agents);
    }
  }

  /** Why a token was refused, or whose it is. */
  public sealed interface Auth {
    /** The token belongs to {@code user}. */
    record Ok(User user) implements Auth {}

    /** The token was revoked. */
    record Revoked() implements Auth {}

    /** No such token. */
    record Unknown() implements Auth {}
  }

  private final TestbedConfig config;
  private final List<Consumer<Deployment>> listeners = new CopyOnWriteArrayList<>();
  // Guarded by this.
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final Map<String, String> revoked = new LinkedHashMap<>();
  private final Map<UUID, Workspace> workspaces = new LinkedHashMap<>();
  private final Map<String, UUID> agentTokens = new LinkedHashMap<>();

  /** A deployment in the state {@code config} describes. */
  public Deployment(TestbedConfig config) {
    this.config = config;
    for (TestbedConfig.UserSpec u : config.users()) {
      User user = new User(id("user", u.username()), u.username());
      users.put(u.username(), user);
      u.tokens().forEach(t -> tokens.put(t, u.username()));
      u.revokedTokens().forEach(t -> revoked.put(t, u.username()));
    }
    for (TestbedConfig.WorkspaceSpec w : config.workspaces()) {
      String path = w.owner() + "/" + w.name();
      List<Agent> agents = new ArrayList<>();
      for (String a : w.agents()) {
        agents.add(new Agent(id("agent", path + "/" + a), a, w.network(a)));
      }
      UUID id = id("workspace", path);
      workspaces.put(id, new Workspace(id, w.name(), users.get(w.owner()), !w.stopped(), agents));
    }
  }

  private static UUID id(String kind, String name) {
    return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8));
  }

  /** The config it started from. */
  public TestbedConfig config() {
    return config;
  }

  /** Who a session token belongs to. */
  public synchronized Auth authenticate(String token) {
    if (token == null) {
      return new Auth.Unknown();
    }
    for (Map.Entry<String, String> e : tokens.entrySet()) {
      if (constantTimeEquals(e.getKey(), token)) {
        return new Auth.Ok(users.get(e.getValue()));
      }
    }
    for (String r : revoked.keySet()) {
      if (constantTimeEquals(r, token)) {
        return new Auth.Revoked();
      }
    }
    return new Auth.Unknown();
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Every user. */
  public synchronized List<User> users() {
    return List.copyOf(users.values());
  }

  /** A user's first token, for printing at start-up; empty when the user has none. */
  public synchronized Optional<String> firstToken(String username) {
    return tokens.entrySet().stream()
        .filter(e -> e.getValue().equals(username))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** Every workspace. */
  public synchronized List<Workspace> workspaces() {
    return List.copyOf(workspaces.values());
  }

  /** The workspaces {@code owner} owns. */
  public synchronized List<Workspace> workspacesOf(UUID owner) {
    return workspaces.values().stream().filter(w -> w.owner().id().equals(owner)).toList();
  }

  /** The workspaces shared with {@code user} (by name, as the config lists them). */
  public synchronized List<Workspace> sharedWith(String user) {
    List<Workspace> out = new ArrayList<>();
    for (TestbedConfig.WorkspaceSpec spec : config.workspaces()) {
      if (spec.sharedWith().contains(user)) {
        workspace(spec.owner(), spec.name()).ifPresent(out::add);
      }
    }
    return out;
  }

  /** A workspace by owner and name. */
  public synchronized Optional<Workspace> workspace(String owner, String name) {
    return workspaces.values().stream()
        .filter(w -> w.owner().username().equals(owner) && w.name().equals(name))
        .findFirst();
  }

  /** Starts or stops a workspace; returns false when there is no such workspace. */
  public boolean setRunning(String owner, String name, boolean running) {
    synchronized (this) {
      Optional<Workspace> w = workspace(owner, name);
      if (w.isEmpty()) {
        return false;
      }
      Workspace old = w.get();
      if (old.running() == running) {
        return true;
      }
      workspaces.put(
          old.id(), new Workspace(old.id(), old.name(), old.owner(), running, old.agents()));
    }
    announce();
    return true;
  }

  /** Revokes a session token: later requests with it get 401. */
  public boolean revoke(String token) {
    synchronized (this) {
      String user = tokens.remove(token);
      if (user == null) {
        return false;
      }
      revoked.put(token, user);
    }
    announce();
    return true;
  }

  /** Mints the secret an agent process signs in to the coordinator with. */
  public synchronized String issueAgentToken(UUID agent) {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    String t = "agent-" + HexFormat.of().formatHex(b);
    agentTokens.put(t, agent);
    return t;
  }

  /** The agent an agent token belongs to, when its workspace is running. */
  public synchronized Optional<UUID> agentForToken(String token) {
    if (token == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, UUID> e : agentTokens.entrySet()) {
      if (constantTimeEquals(e.getKey(), token)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** Calls {@code listener} after every change (on the changing thread). */
  public void addListener(Consumer<Deployment> listener) {
    listeners.add(listener);
  }

  /** Removes a listener. */
  public void removeListener(Consumer<Deployment> listener) {
    listeners.remove(listener);
  }

  private void announce() {
    for (Consumer<Deployment> l : listeners) {
      l.accept(this);
    }
  }
}
