// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import dev.coderdesktop.tunnel.path.Endpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * systemd-resolved: the TUN link gets the shim as its DNS server and the routing-only domain {@code
 * ~suffix}, and is never the default route, so only the suffix's names reach the shim (split DNS).
 * The link's settings vanish with the link too, so a crash leaves nothing behind.
 */
final class ResolvedSetup implements ResolverSetup {

  private final CommandRunner runner;

  ResolvedSetup(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public List<InetSocketAddress> apply(String link, InetAddress shim, String suffix)
      throws IOException {
    runner.run(List.of("resolvectl", "dns", link, Endpoints.address(shim)));
    runner.run(List.of("resolvectl", "domain", link, "~" + suffix));
    runner.run(List.of("resolvectl", "default-route", link, "false"));
    return List.of();
  }

  @Override
  public void revert(String link) {
    try {
      runner.run(List.of("resolvectl", "revert", link));
    } catch (IOException e) {
      // The link is usually gone already, which reverts it too.
    }
  }
}
