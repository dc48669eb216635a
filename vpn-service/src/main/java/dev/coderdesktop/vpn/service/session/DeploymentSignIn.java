// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.HostnameSuffix;
import dev.coderdesktop.coder.sdk.ProductInfo;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.Values;
import dev.coderdesktop.coder.sdk.net.Connectivity;
import dev.coderdesktop.tunnel.connect.ConnectConfig;
import dev.coderdesktop.tunnel.derp.DerpProbe;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.transport.NetPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The first step of a session, before anything on this machine changes: the REST sign-in (version
 * and token checks, the user, the agent connection info), the hostname suffix check, and the home
 * DERP region chosen by probing every region's relay at once. Immutable result.
 *
 * @param config everything the engine needs
 * @param serverVersion the deployment's version
 * @param username the signed-in user
 */
record DeploymentSignIn(ConnectConfig config, String serverVersion, String username) {

  /** How long the relay latency probes may take at sign-in, all regions at once. */
  private static final Duration PROBE_BUDGET = Duration.ofSeconds(2);

  /** Signs in; blocks for the REST calls and up to two seconds of relay probes. */
  static DeploymentSignIn signIn(
      String url, String token, Map<String, String> headers, Connectivity net)
      throws SignInException {
    NetPolicy policy =
        new NetPolicy(
            net.trust().sslContext(), u -> net.proxy().proxyFor(u), ProductInfo.userAgent());
    try {
      SessionToken t = SessionToken.of(token);
      CoderClient api = new CoderClient(DeploymentUrl.parse(url), t, headers, net);
      String version = api.checkVersion().toString();
      Values.User me = api.me();
      Values.AgentConnectionInfo info = api.agentConnectionInfo();
      // Before anything routes lookups: a suffix such as "com" would capture the machine's DNS.
      HostnameSuffix suffix = HostnameSuffix.parse(info.hostnameSuffix());
      DerpSelection derp = chooseRelay(info, headers, policy);
      ConnectConfig config =
          new ConnectConfig(
              api.url().uri(),
              t.reveal(),
              headers,
              me.id(),
              me.username(),
              suffix.value(),
              derp.url(),
              derp.regionId(),
              info.derpForceWebsockets(),
              derp.regionNames(),
              derp.latencies(),
              policy);
      return new DeploymentSignIn(config, version, me.username());
    } catch (CoderException.Unreachable e) {
      throw new SignInException(SignInException.Kind.UNREACHABLE, e.getMessage());
    } catch (CoderException
        | DeploymentUrl.InvalidException
        | HostnameSuffix.InvalidException
        | IllegalArgumentException e) {
      throw new SignInException(SignInException.Kind.REFUSED, e.getMessage());
    }
  }

  private static DerpSelection chooseRelay(
      Values.AgentConnectionInfo info, Map<String, String> headers, NetPolicy policy)
      throws SignInException {
    SystemClock probeClock = new SystemClock("derp-probe");
    Optional<DerpSelection> chosen;
    try {
      chosen =
          DerpSelection.chooseByLatency(
              info.derpMap(),
              relay ->
                  DerpProbe.measure(
                      relay,
                      headers,
                      info.derpForceWebsockets(),
                      policy,
                      probeClock,
                      PROBE_BUDGET));
    } finally {
      probeClock.shutdown();
    }
    return chosen.orElseThrow(
        () ->
            new SignInException(
                SignInException.Kind.REFUSED, "the deployment offers no DERP relay"));
  }
}
