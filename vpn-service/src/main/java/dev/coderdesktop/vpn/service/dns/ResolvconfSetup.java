// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import dev.coderdesktop.tunnel.path.Endpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * resolvconf owns /etc/resolv.conf: the shim is added as a record of its own that comes first, and
 * forwards every other name to the servers the file named before. Debian's resolvconf orders
 * records by /etc/resolvconf/interface-order, where {@code tun*} follows only loopback, hence the
 * record name {@value #DEBIAN_RECORD}; openresolv gets the record exclusive ({@code -x}), so it is
 * the only server listed. Both drop the record with {@code -d}, which is harmless when absent.
 *
 * @param runner runs {@code resolvconf}
 * @param resolvConf the system's resolv.conf, for the servers it named before
 * @param openresolv whether {@code resolvconf} is openresolv rather than Debian's
 */
record ResolvconfSetup(CommandRunner runner, Path resolvConf, boolean openresolv)
    implements ResolverSetup {

  /** The record's name under Debian's resolvconf (IFACE.PROG; matches its {@code tun*} entry). */
  static final String DEBIAN_RECORD = "tun.coder-desktop";

  @Override
  public List<InetSocketAddress> apply(String link, InetAddress shim, String suffix)
      throws IOException {
    List<InetSocketAddress> upstreams = ResolvConf.read(resolvConf).upstreams(shim);
    String record = "nameserver " + Endpoints.address(shim) + "\n";
    if (openresolv) {
      runner.run(List.of("resolvconf", "-x", "-a", link), record);
    } else {
      runner.run(List.of("resolvconf", "-a", DEBIAN_RECORD), record);
    }
    return upstreams;
  }

  @Override
  public void revert(String link) throws IOException {
    if (openresolv) {
      runner.run(List.of("resolvconf", "-f", "-d", link));
    } else {
      runner.run(List.of("resolvconf", "-d", DEBIAN_RECORD));
    }
  }
}
