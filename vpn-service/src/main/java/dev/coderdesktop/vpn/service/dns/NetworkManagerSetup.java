// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import dev.coderdesktop.tunnel.path.Endpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NetworkManager owns /etc/resolv.conf, through its documented configuration files
 * (NetworkManager.conf(5)) and {@code nmcli general reload}:
 *
 * <ul>
 *   <li>with its dnsmasq plugin ({@code dns=dnsmasq}), a file in {@code dnsmasq.d} with {@code
 *       server=/suffix/shim}: split DNS, nothing else changes; reloaded with {@code dns-full};
 *   <li>writing resolv.conf itself, a {@code [global-dns-domain-*]} section naming the shim (with
 *       the current search domains and options as {@code [global-dns]}), in {@code conf.d}; the
 *       shim forwards other names to the servers the file named before.
 * </ul>
 *
 * Removing our file and reloading undoes either, also after a crash.
 *
 * @param runner runs {@code nmcli}
 * @param resolvConf the system's resolv.conf, for the current settings and servers
 * @param dir {@code dnsmasq.d} when {@code dnsmasq}, otherwise {@code conf.d}
 * @param dnsmasq whether NetworkManager runs its dnsmasq plugin
 */
record NetworkManagerSetup(CommandRunner runner, Path resolvConf, Path dir, boolean dnsmasq)
    implements ResolverSetup {

  /** The file name in both directories (late in the order, so ours is read last and wins). */
  static final String FILE = "zz-coder-desktop.conf";

  @Override
  public List<InetSocketAddress> apply(String link, InetAddress shim, String suffix)
      throws IOException {
    String header = "# Written by coder-desktop-vpn while CoderVPN runs; removed when it stops.\n";
    if (dnsmasq) {
      write(header + "server=/" + suffix + "/" + Endpoints.address(shim) + "\n");
      runner.run(List.of("nmcli", "general", "reload", "dns-full"));
      return List.of();
    }
    ResolvConf conf = ResolvConf.read(resolvConf);
    List<String> searches = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (String s : conf.settings()) {
      String[] f = s.split("\\s+");
      List<String> rest = List.of(f).subList(1, f.length);
      switch (f[0]) {
        case "search", "domain" -> searches.addAll(rest);
        case "options" -> options.addAll(rest);
        default -> {}
      }
    }
    StringBuilder b = new StringBuilder(header).append("[global-dns]\n");
    if (!searches.isEmpty()) {
      b.append("searches=").append(String.join(",", searches)).append('\n');
    }
    if (!options.isEmpty()) {
      b.append("options=").append(String.join(",", options)).append('\n');
    }
    b.append("\n[global-dns-domain-*]\nservers=").append(Endpoints.address(shim)).append('\n');
    write(b.toString());
    runner.run(List.of("nmcli", "general", "reload", "conf,dns-rc"));
    return conf.upstreams(shim);
  }

  @Override
  public void revert(String link) throws IOException {
    if (Files.deleteIfExists(dir.resolve(FILE))) {
      runner.run(List.of("nmcli", "general", "reload", dnsmasq ? "dns-full" : "conf,dns-rc"));
    }
  }

  private void write(String text) throws IOException {
    ResolvConfFile.writeDurably(dir.resolve(FILE), text.getBytes(StandardCharsets.UTF_8));
  }
}
