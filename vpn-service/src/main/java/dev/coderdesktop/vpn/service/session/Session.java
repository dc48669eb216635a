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

  /** Redials the relay and the control plane now, as after a resume or a network change. */
  void rebind(String reason);

  /** Tears everything down; never throws. */
  @Override
  void close();

  /** What a session reports to the service. Called on engine threads; must not block. */
  interface Listener {
    /** The set of agents (or their handshakes and pings) changed. */
    void onAgents(List<AgentView> agents);

    /**
     * The session cannot go on without the user (the deployment refused the token); {@code message}
     * is fit for the user and says what to do. The service closes the session.
     */
    default void onFatal(String message) {}
  }

  /** Opens sessions; the real one signs in and configures the system, tests use a fake. */
  @FunctionalInterface
  interface Factory {
    /** Opens a session for {@code request}, reporting to {@code listener}. */
    Session open(StartParams request, Listener listener) throws SignInException;
  }

  /**
   * What a Start asks for. Immutable; {@link #toString()} hides the token.
   *
   * @param url the deployment
   * @param token the session token
   * @param headers extra headers
   * @param noDirect stay on the DERP relay (the Start's {@code disable_direct_connections})
   * @param allowInsecureHttp the user accepted a plain {@code http://} URL to another machine (the
   *     Start's {@code allow_insecure_http}); without it such a URL is refused at sign-in
   */
  record StartParams(
      String url,
      String token,
      java.util.Map<String, String> headers,
      boolean noDirect,
      boolean allowInsecureHttp) {
    /** Copies. */
    public StartParams {
      headers = java.util.Map.copyOf(headers);
    }

    /** Direct paths allowed. */
    public StartParams(String url, String token, java.util.Map<String, String> headers) {
      this(url, token, headers, false);
    }

    /** Without consent to plain HTTP. */
    public StartParams(
        String url, String token, java.util.Map<String, String> headers, boolean noDirect) {
      this(url, token, headers, noDirect, false);
    }

    /** The same, kept on the DERP relay (the operator's {@code --no-direct}). */
    public StartParams withNoDirect() {
      return new StartParams(url, token, headers, true, allowInsecureHttp);
    }

    @Override
    public String toString() {
      return "StartParams["
          + url
          + (noDirect ? ", DERP only" : "")
          + (allowInsecureHttp ? ", insecure HTTP allowed" : "")
          + "]";
    }
  }
}
