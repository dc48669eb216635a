// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DependencyDirectionTest {

  @Test
  @DisplayName(
      "the CLI must not link tunnel-core or the service: it is a thin client of the socket")
  void noTunnelCode() {
    for (String name :
        new String[] {
          "dev.coderdesktop.tunnel.wireguard.Device", "dev.coderdesktop.vpn.service.VpnService"
        }) {
      assertThrows(
          ClassNotFoundException.class,
          () -> Class.forName(name),
          "the CLI's classpath contains " + name + "; depend on vpn-proto instead");
    }
  }

  @Test
  @DisplayName("the copied hostname is the shortest FQDN without its trailing dot")
  void host() {
    assertEquals("dev.coder", CoderDesktopCli.host(List.of("dev.coder.", "main.dev.me.coder.")));
    assertEquals("", CoderDesktopCli.host(List.of()));
  }
}
