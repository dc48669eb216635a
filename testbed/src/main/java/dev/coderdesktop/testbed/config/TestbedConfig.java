// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a testbed deployment holds, read from a small JSON file: the version it claims, its users
 * and their tokens, and their workspaces with agents. Tests write one to make an old server, a
 * revoked token or a stopped workspace. Immutable; validated on construction.
 *
 * <pre>
 * {"version": "v2.24.1", "users": [{"username": "alice", "tokens": ["..."]}],
 *  "workspaces": [{"name": "dev", "owner": "alice", "agents": ["main"]}]}
 * </pre>
 *
 * @param version what {@code /api/v2/buildinfo} reports
 * @param hostnameSuffix the DNS suffix handed to clients
 * @param derpForceWebsockets whether clients must reach DERP over websockets
 * @param users the accounts
 * @param workspaces the workspaces, each owned by one of {@code users}
 * @param disableDirectConnections whether the deployment tells clients to stay on the relay (and
 *     drops its STUN server from the DERP map), as {@code --block-direct-connections} does
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record TestbedConfig(
    @JsonProperty("version") String version,
    @JsonProperty("hostnameSuffix") String hostnameSuffix,
    @JsonProperty("derpForceWebsockets") boolean derpForceWebsockets,
    @JsonProperty("users") List<UserSpec> users,
    @JsonProperty("workspaces") List<WorkspaceSpec> workspaces,
    @JsonProperty("disableDirectConnections") boolean disableDirectConnections) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

  /** Validates names and references, and fills defaults. */
  public TestbedConfig {
    version = version == null || version.isBlank() ? "v2.24.1-testbed" : version;
    hostnameSuffix = hostnameSuffix == null || hostnameSuffix.isBlank() ? "coder" : hostnameSuffix;
    users = List.copyOf(users == null ? List.of() : users);
    workspaces = List.copyOf(workspaces == null ? List.of() : workspaces);
    Set<String> names = new HashSet<>();
    Set<String> tokens = new HashSet<>();
    for (UserSpec u : users) {
      requireName("user", u.username());
      if (!names.add(u.username())) {
        throw new ConfigException("user " + u.username() + " is listed twice");
      }
      for (String t : u.tokens()) {
        if (!tokens.add(t)) {
          throw new ConfigException("a token is given to two users");
        }
      }
    }
    Set<String> workspaceNames = new HashSet<>();
    for (WorkspaceSpec w : workspaces) {
      requireName("workspace", w.name());
      if (!names.contains(w.owner())) {
        throw new ConfigException("workspace " + w.name() + " has unknown owner " + w.owner());
      }
      if (!workspaceNames.add(w.owner() + "/" + w.name())) {
        throw new ConfigException("workspace " + w.owner() + "/" + w.name() + " is listed twice");
      }
      if (w.agents().isEmpty() || new HashSet<>(w.agents()).size() != w.agents().size()) {
        throw new ConfigException("workspace " + w.name() + " needs distinct agent names");
      }
      w.agents().forEach(a -> requireName("agent", a));
      for (String u : w.sharedWith()) {
        if (!names.contains(u) || u.equals(w.owner())) {
          throw new ConfigException(
              "workspace " + w.name() + " is shared with " + u + ", not another known user");
        }
      }
      for (String a : w.networks().keySet()) {
        if (!w.agents().contains(a)) {
          throw new ConfigException(
              "workspace " + w.name() + " gives a network to unknown agent " + a);
        }
      }
    }
  }

  /** A deployment that allows direct connections. */
  public TestbedConfig(
      String version,
      String hostnameSuffix,
      boolean derpForceWebsockets,
      List<UserSpec> users,
      List<WorkspaceSpec> workspaces) {
    this(version, hostnameSuffix, derpForceWebsockets, users, workspaces, false);
  }

  /**
   * The smallest deployment a client test needs: one user {@code alice} whose session token is
   * {@code token}, owning one running workspace {@code dev} with one agent {@code main}, on a
   * server that reports version {@code v2.24.1}.
   */
  public static TestbedConfig aliceWithOneWorkspace(String token) {
    return new TestbedConfig(
        "v2.24.1",
        null,
        false,
        List.of(new UserSpec("alice", List.of(token), List.of())),
        List.of(new WorkspaceSpec("dev", "alice", false, List.of("main"))));
  }

  private static void requireName(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ConfigException(
          what + " name \"" + name + "\" must be 1-32 lower-case letters, digits or dashes");
    }
  }

  /** Reads and validates a config file. */
  public static TestbedConfig read(Path file) throws IOException {
    try {
      return MAPPER.readValue(Files.readString(file), TestbedConfig.class);
    } catch (JacksonException e) {
      throw new ConfigException(file + ": " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + ": " + e.getMessage());
    }
  }

  /** Parses and validates config JSON. */
  public static TestbedConfig parse(String json) {
    try {
      return MAPPER.readValue(json, TestbedConfig.class);
    } catch (JacksonException e) {
      if (e.getCause() instanceof ConfigException c) {
        throw c;
      }
      throw new ConfigException(e.getOriginalMessage());
    }
  }

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * An account.
   *
   * @param username the user name (owner part of hostnames)
   * @param tokens session tokens that sign this user in
   * @param revokedTokens tokens that once did and now get 401
   */
  public record UserSpec(
      @JsonProperty("username") String username,
      @JsonProperty("tokens") List<String> tokens,
      @JsonProperty("revokedTokens") List<String> revokedTokens) {

    /** Copies the lists. */
    public UserSpec {
      tokens = List.copyOf(tokens == null ? List.of() : tokens);
      revokedTokens = List.copyOf(revokedTokens == null ? List.of() : revokedTokens);
    }
  }

  /**
   * A workspace.
   *
   * @param name its name
   * @param owner the owning user's name
   * @param stopped whether it starts stopped
   * @param agents its agents' names
   * @param networks the network shape of some agents, by name ({@link NetworkShape#RELAY} for the
   *     rest)
   * @param sharedWith the users the owner shared it with (Coder's workspace sharing; listed by the
   *     search filters only a testbed claiming v2.30.0 or later knows)
   */
  public record WorkspaceSpec(
      @JsonProperty("name") String name,
      @JsonProperty("owner") String owner,
      @JsonProperty("stopped") boolean stopped,
      @JsonProperty("agents") List<String> agents,
      @JsonProperty("networks") Map<String, NetworkShape> networks,
      @JsonProperty("sharedWith") List<String> sharedWith) {

    /** Copies the lists and map. */
    public WorkspaceSpec {
      agents = List.copyOf(agents == null ? List.of() : agents);
      networks = Map.copyOf(networks == null ? Map.of() : networks);
      sharedWith = List.copyOf(sharedWith == null ? List.of() : sharedWith);
    }

    /** A workspace whose agents all reach clients only through the relay, shared with nobody. */
    public WorkspaceSpec(String name, String owner, boolean stopped, List<String> agents) {
      this(name, owner, stopped, agents, Map.of(), List.of());
    }

    /** The network shape of agent {@code agent}. */
    public NetworkShape network(String agent) {
      return networks.getOrDefault(agent, NetworkShape.RELAY);
    }
  }
}
