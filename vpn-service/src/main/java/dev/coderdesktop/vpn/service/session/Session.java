// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.tunnel.connect.AgentView;
import java.util.List;

/** A running connection to a deployment, as the service's handlers see it. */
public interface Session extends AutoCloseable {

  /** The agents now known. */
  List<AgentView> agents();

  /** Something the user should know although the session runs (e.g. DNS needs manual setup). */
  default String warning() {
    return "";
  }

  /** How the system resolver reaches the service's resolver, when it could be set up. */
  default java.util.Optional<dev.coderdesktop.vpn.service.dns.SystemResolver.Applied> dns() {
    return java.util.Optional.empty();
  }

  /** Tears everything down. */
  @Override
  void close();

  /** Opens sessions; the real one signs in and configures the system, tests use a fake. */
  @FunctionalInterface
  interface Factory {
    /** Opens a session for {@code request}, reporting agent changes to {@code onAgents}. */
    Session open(StartParams request, java.util.function.Consumer<List<AgentView>> onAgents)
        throws SignInException;
  }

  /**
   * What a Start asks for. Immutable; {@link #toString()} hides the token.
   *
   * @param url the deployment
   * @param token the session token
   * @param headers extra headers
   */
  record StartParams(String url, String token, java.util.Map<String, String> headers) {
    /** Copies. */
    public StartParams {
      headers = java.util.Map.copyOf(headers);
    }

    @Override
    public String toString() {
      return "StartParams[" + url + "]";
    }
  }
}
