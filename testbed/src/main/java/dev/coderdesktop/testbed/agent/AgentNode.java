// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.agent;

import dev.coderdesktop.tunnel.control.proto.Node;
import java.util.List;
import java.util.Objects;

/**
 * The agent's node as the coordinator should see it: keys and addresses fixed at start, the home
 * relay region, which moves while its relay is down, and the direct endpoints, which change
 * whenever STUN or the interfaces say so. Whoever publishes the node listens for those changes.
 *
 * <p>Thread-safe.
 */
final class AgentNode {

  private final Node base;
  private volatile List<String> endpoints = List.of();
  private volatile int preferredDerp;
  private volatile Runnable listener = () -> {};

  AgentNode(Node base) {
    this.base = Objects.requireNonNull(base);
    this.preferredDerp = base.getPreferredDerp();
  }

  /** The node with the current endpoints and home region. */
  Node current() {
    return base.toBuilder()
        .setPreferredDerp(preferredDerp)
        .clearEndpoints()
        .addAllEndpoints(endpoints)
        .build();
  }

  /** A new home region; the listener hears of the change. */
  void setPreferredDerp(int region) {
    if (region != preferredDerp) {
      preferredDerp = region;
      listener.run();
    }
  }

  /** New direct endpoints ("ip:port"); the listener hears of a change. */
  void setEndpoints(List<String> now) {
    List<String> copy = List.copyOf(now);
    if (!copy.equals(endpoints)) {
      endpoints = copy;
      listener.run();
    }
  }

  /** Sets the one listener for endpoint changes (called on the thread that changes them). */
  void onChange(Runnable l) {
    listener = Objects.requireNonNull(l);
  }
}
