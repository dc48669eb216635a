// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.HostnameSuffix;
import dev.coderdesktop.coder.sdk.InvalidValueException;
import dev.coderdesktop.coder.sdk.ProductInfo;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.Values;
import dev.coderdesktop.coder.sdk.net.Connectivity;
import dev.coderdesktop.tunnel.connect.ConnectConfig;
import dev.coderdesktop.tunnel.connect.DerpSettings;
import dev.coderdesktop.tunnel.derp.DerpProbe;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.transport.NetPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Signing in with the REST API: the server's version, the user, the agent connection info, and the
 * home relay chosen by probing every region's relay at once (at most five seconds). Stateless.
 */
final class DeploymentSignIn {

  private static final Logger LOG = Logger.getLogger(DeploymentSignIn.class.getName());

  /**
   * How long the relay latency probes may take at sign-in, all regions at once. Answers come in
   * milliseconds; the budget only bounds a dead relay, and a service's first probe (a new websocket
   * or TLS session and a DERP login in a JVM that has just started) took over 2 s on a loaded
   * machine, which left the home region unmeasured.
   */
  private static final Duration PROBE_BUDGET = Duration.ofSeconds(5);

  private DeploymentSignIn() {}

  static SignedIn signIn(Session.StartParams params, Connectivity net) throws SignInException {
    NetPolicy policy =
        new NetPolicy(
            net.trust().sslContext(),
            u -> net.proxy().proxyFor(u),
            net.proxy().selector(),
            ProductInfo.userAgent());
    try {
      SessionToken t = SessionToken.of(params.token());
      CoderClient api =
          new CoderClient(
              DeploymentUrl.parse(params.url(), params.allowInsecureHttp()),
              t,
              params.headers(),
              net);
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
              new DerpSettings(
                  derp.url(),
                  derp.regionId(),
                  info.derpForceWebsockets(),
                  derp.regionNames(),
                  derp.latencies(),
                  DerpSelection.regions(info.derpMap())),
              policy,
              StunServers.of(info.derpMap()),
              params.noDirect() || info.disableDirectConnections());
      LOG.info(
          "direct connections: "
              + (info.disableDirectConnections()
                  ? "disabled by the deployment"
                  : params.noDirect()
                      ? "off (DERP only, as asked)"
                      : "on, STUN " + config.stunServers()));
      return new SignedIn(config, version, me.username());
    } catch (CoderException.Unauthorized e) {
      throw SignInException.signedOut(e.getMessage());
    } catch (CoderException.Unreachable e) {
      throw new SignInException(SignInException.Kind.UNREACHABLE, e.getMessage());
    } catch (CoderException | InvalidValueException | IllegalArgumentException e) {
      throw new SignInException(SignInException.Kind.REFUSED, e.getMessage());
    }
  }
}
