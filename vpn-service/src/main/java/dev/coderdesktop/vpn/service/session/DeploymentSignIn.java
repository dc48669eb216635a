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
import java.util.Optional;

/**
 * Signing in with the REST API: the server's version, the user, the agent connection info, and the
 * home relay chosen by probing every region's relay at once (at most two seconds). Stateless.
 */
final class DeploymentSignIn {

  /** How long the relay latency probes may take at sign-in, all regions at once. */
  private static final Duration PROBE_BUDGET = Duration.ofSeconds(2);

  private DeploymentSignIn() {}

  static SignedIn signIn(Session.StartParams params, Connectivity net) throws SignInException {
    NetPolicy policy =
        new NetPolicy(
            net.trust().sslContext(), u -> net.proxy().proxyFor(u), ProductInfo.userAgent());
    try {
      SessionToken t = SessionToken.of(params.token());
      CoderClient api =
          new CoderClient(DeploymentUrl.parse(params.url()), t, params.headers(), net);
      String version = api.checkVersion().toString();
      Values.User me = api.me();
      Values.AgentConnectionInfo info = api.agentConnectionInfo();
      // Before anything routes lookups: a suffix such as "com" would capture the machine's DNS.
      HostnameSuffix suffix = HostnameSuffix.parse(info.hostnameSuffix());
      SystemClock probeClock = new SystemClock("derp-probe");
      Optional<DerpSelection> chosen;
      try {
        chosen =
            DerpSelection.chooseByLatency(
                info.derpMap(),
                relay ->
                    DerpProbe.measure(
                        relay,
                        params.headers(),
                        info.derpForceWebsockets(),
                        policy,
                        probeClock,
                        PROBE_BUDGET));
      } finally {
        probeClock.shutdown();
      }
      DerpSelection derp =
          chosen.orElseThrow(
              () ->
                  new SignInException(
                      SignInException.Kind.REFUSED, "the deployment offers no DERP relay"));
      ConnectConfig config =
          new ConnectConfig(
              api.url().uri(),
              t.reveal(),
              params.headers(),
              me.id(),
              me.username(),
              suffix.value(),
              derp.url(),
              derp.regionId(),
              info.derpForceWebsockets(),
              derp.regionNames(),
              derp.latencies(),
              policy);
      return new SignedIn(config, version, me.username());
    } catch (CoderException.Unauthorized e) {
      throw SignInException.signedOut(e.getMessage());
    } catch (CoderException.Unreachable e) {
      throw new SignInException(SignInException.Kind.UNREACHABLE, e.getMessage());
    } catch (CoderException
        | DeploymentUrl.InvalidException
        | HostnameSuffix.InvalidException
        | IllegalArgumentException e) {
      throw new SignInException(SignInException.Kind.REFUSED, e.getMessage());
    }
  }
}
