// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.tunnel.connect.AgentView;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The tunnel engine as a session drives it (the real one is Coder Connect). Thread-safe; {@link
 * #close()} joins its threads and closes its connections and may be called before {@link #start()}.
 */
public interface Engine extends AutoCloseable {

  /** Our tailnet address, fixed at construction. */
  Inet6Address address();

  /** Starts the data plane and the control connection. */
  void start();

  /**
   * Completes after {@link #start()}: true when the first workspace update has come and every agent
   * in it has a WireGuard peer, false after {@code max} (an offline agent) or when the engine
   * closed.
   */
  CompletableFuture<Boolean> firstReach(Duration max);

  /** The agents now known. */
  List<AgentView> agents();

  /** Redials the relay and the control plane and re-sends our node (after a resume). */
  void rebind(String reason);

  @Override
  void close();
}
