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
      String init = Files.readSymbolicLink(Path.of("/proc/1/ns/net")).toString();
      if (self.equals(init)) {
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
    } catch (IOException | SecurityException e) {
      return false;
    }
  }
}
