// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Finds out who owns /etc/resolv.conf, and so which {@link ResolverMode} reaches the system
 * resolver: a symlink into a manager's run directory or a manager's signature in the first comment
 * line names the manager; a regular file nobody signed is plain ("direct"). Reads files and runs
 * {@code busctl} (NetworkManager's DNS mode) and {@code resolvconf --version} (which resolvconf).
 * Stateless apart from its paths.
 *
 * @param runner runs {@code busctl} and {@code resolvconf}
 * @param resolvConf the system's resolv.conf
 * @param resolvedRunDir systemd-resolved's run directory
 * @param sharedWithOtherNamespaces whether resolv.conf is the one other network namespaces use too
 */
record ResolverDetector(
    CommandRunner runner,
    Path resolvConf,
    Path resolvedRunDir,
    BooleanSupplier sharedWithOtherNamespaces) {

  /** How the system is set up, or why nothing can be done. */
  sealed interface Result {}

  /** A mode that can be used. */
  record Usable(ResolverMode mode) implements Result {}

  /** No mode can be used; {@code why} is one clause for the user. */
  record Unusable(String why) implements Result {}

  Result detect() {
    if (sharedWithOtherNamespaces.getAsBoolean()) {
      return new Unusable(
          "this service runs in a network namespace of its own but "
              + resolvConf
              + " is the system's; give the namespace its own file, e.g."
              + " /etc/netns/NAME/resolv.conf with ip netns exec");
    }
    if (!Files.exists(resolvConf, LinkOption.NOFOLLOW_LINKS)) {
      return new Unusable(resolvConf + " does not exist");
    }
    boolean link = Files.isSymbolicLink(resolvConf);
    String target = "";
    ResolvConf conf;
    try {
      target = link ? Files.readSymbolicLink(resolvConf).toString() : "";
      conf = ResolvConf.read(resolvConf);
    } catch (IOException e) {
      return new Unusable(
          "cannot read " + resolvConf + (link ? " (a link to " + target + ")" : "") + ": " + e);
    }
    if (conf.ours()) {
      return new Usable(ResolverMode.DIRECT);
    }
    String signature = (target + " " + conf.header()).toLowerCase(Locale.ROOT);
    if (signature.contains("systemd/resolve")
        || signature.contains("systemd-resolved")
        || conf.nameservers().equals(List.of("127.0.0.53"))) {
      return resolvedRunning()
          ? new Usable(ResolverMode.SYSTEMD_RESOLVED)
          : new Unusable(
              resolvConf
                  + " is systemd-resolved's, but systemd-resolved is not running (start it:"
                  + " systemctl enable --now systemd-resolved)");
    }
    if (signature.contains("networkmanager")) {
      return networkManager(link);
    }
    if (signature.contains("resolvconf")) {
      return resolvconf(link);
    }
    if (link) {
      return new Unusable(
          resolvConf
              + " is a link to "
              + target
              + ", which none of systemd-resolved, NetworkManager or resolvconf writes");
    }
    return new Usable(ResolverMode.DIRECT);
  }

  private boolean resolvedRunning() {
    return Files.exists(resolvedRunDir.resolve("io.systemd.Resolve"))
        || Files.exists(resolvedRunDir.resolve("stub-resolv.conf"));
  }

  private Result networkManager(boolean link) {
    String mode;
    try {
      mode =
          runner.run(
              List.of(
                  "busctl",
                  "get-property",
                  "org.freedesktop.NetworkManager",
                  "/org/freedesktop/NetworkManager/DnsManager",
                  "org.freedesktop.NetworkManager.DnsManager",
                  "Mode"));
    } catch (IOException e) {
      // NetworkManager wrote the file once but does not run: nobody will rewrite it.
      return link
          ? new Unusable(resolvConf + " is NetworkManager's, but NetworkManager does not answer")
          : new Usable(ResolverMode.DIRECT);
    }
    if (mode.contains("\"dnsmasq\"")) {
      return new Usable(ResolverMode.NETWORK_MANAGER_DNSMASQ);
    }
    if (mode.contains("\"systemd-resolved\"") && resolvedRunning()) {
      return new Usable(ResolverMode.SYSTEMD_RESOLVED);
    }
    return new Usable(ResolverMode.NETWORK_MANAGER);
  }

  private Result resolvconf(boolean link) {
    try {
      String version = runner.run(List.of("resolvconf", "--version"));
      return new Usable(
          version.toLowerCase(Locale.ROOT).contains("openresolv")
              ? ResolverMode.OPENRESOLV
              : ResolverMode.RESOLVCONF);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("Cannot run program")) {
        return link
            ? new Unusable(resolvConf + " is resolvconf's, but resolvconf is not installed")
            : new Usable(ResolverMode.DIRECT);
      }
      // Debian's resolvconf has no --version and refuses it.
      return new Usable(ResolverMode.RESOLVCONF);
    }
  }
}
