// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DependencyDirectionTest {

  @Test
  @DisplayName(
      "the app must not link tunnel-core or the service: it is a thin client of the socket")
  void noTunnelCode() {
    for (String name :
        new String[] {
          "dev.coderdesktop.tunnel.wireguard.Device", "dev.coderdesktop.vpn.service.VpnService"
        }) {
      assertThrows(
          ClassNotFoundException.class,
          () -> Class.forName(name),
          "the app's classpath contains " + name + "; depend on vpn-proto instead");
    }
  }
}
