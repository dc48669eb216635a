// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How an agent's namespace sits on the testbed's network, as seen from a client on the lab bridge.
 * Each shape is a network a real workspace lives on; together they decide whether a client can
 * reach the agent directly over UDP or only through the relay.
 */
public enum NetworkShape {
  /** Reaches the testbed only; no client can reach it directly (bridge port isolated). */
  RELAY("relay"),
  /** On the lab network with its own address: clients reach its UDP directly. */
  DIRECT("direct"),
  /**
   * Behind a router doing endpoint-independent NAT (Linux MASQUERADE keeps the source port) that
   * lets in only replies to what went out: a client gets through only by hole punching.
   */
  NAT("nat"),
  /**
   * Behind a router doing symmetric NAT (MASQUERADE with fully random ports: a new public port for
   * every destination), so the address STUN reports is useless to clients.
   */
  HARD("hard"),
  /** Behind a NAT router that drops all UDP: only TCP (and so only the relay) gets through. */
  BLOCKED("blocked"),
  /**
   * No namespace and no process: the agent exists only in the coordinator and the workspace feed,
   * with a node (fresh keys, home relay, its tailnet address) that nobody answers for. Cheap enough
   * to serve a thousand of them, so a client can be measured at that scale.
   */
  VIRTUAL("virtual");

  private final String wireName;

  NetworkShape(String wireName) {
    this.wireName = wireName;
  }

  /** The name in config files. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Whether a router namespace stands between the agent and the lab. */
  public boolean routed() {
    return this == NAT || this == HARD || this == BLOCKED;
  }

  /** The shape named {@code name} in a config file. */
  @JsonCreator
  public static NetworkShape parse(String name) {
    for (NetworkShape s : values()) {
      if (s.wireName.equals(name)) {
        return s;
      }
    }
    throw new ConfigException(
        "network \""
            + name
            + "\" is not one of "
            + Arrays.stream(values())
                .map(NetworkShape::wireName)
                .collect(Collectors.joining(", ")));
  }
}
