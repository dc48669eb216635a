// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process runs in a network namespace other than init's while {@code /etc/resolv.conf}
 * is still the system's file (not a per-namespace bind mount, as {@code ip netns exec} makes from
 * /etc/netns/NAME/resolv.conf). Then changing the system's resolver would send every other
 * namespace's lookups to a resolver only this namespace reaches, so nothing may be changed.
 * Stateless; unreadable /proc entries (no privileges) count as "not shared".
 */
final class NamespaceCheck {

  private NamespaceCheck() {}

  /** True when {@code resolvConf} is shared with processes in other network namespaces. */
  static boolean sharedWithOtherNamespaces(Path resolvConf) {
    try {
      String self = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
      if (!inOtherNamespace(self)) {
        return false;
      }
      for (String line :
          Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
        String[] f = line.split(" ");
        if (f.length > 4 && f[4].equals(resolvConf.toString())) {
          return false;
        }
      }
      return true;
    } catch (IOException | SecurityException | NumberFormatException e) {
      return false;
    }
  }

  /**
   * Whether {@code self} ({@code net:[inode]}) is not the machine's own network namespace: it is
   * one that {@code ip netns add} named under /run/netns, or it differs from init's. Init's may be
   * unreadable (a sandbox's PID 1 in another user namespace), so the named ones are checked first.
   */
  private static boolean inOtherNamespace(String self) throws IOException {
    long inode = Long.parseLong(self.replaceAll("[^0-9]", ""));
    Path named = Path.of("/run/netns");
    if (Files.isDirectory(named)) {
      try (var entries = Files.list(named)) {
        for (Path p : (Iterable<Path>) entries::iterator) {
          try {
            if (((Number) Files.getAttribute(p, "unix:ino")).longValue() == inode) {
              return true;
            }
          } catch (IOException | UnsupportedOperationException e) {
            // Not a namespace file, or gone meanwhile.
          }
        }
      }
    }
    try {
      return !self.equals(Files.readSymbolicLink(Path.of("/proc/1/ns/net")).toString());
    } catch (IOException | SecurityException e) {
      return false; // unknown: treat as the machine's own, as an installed service runs
    }
  }
}
