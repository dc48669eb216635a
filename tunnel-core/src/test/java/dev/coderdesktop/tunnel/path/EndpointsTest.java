// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The node's endpoint strings, as the tailnet's Go peers write and read them. */
class EndpointsTest {

  @ParameterizedTest(name = "{0} is written {1}")
  @CsvSource({
    "192.0.2.1, 192.0.2.1:41641",
    "::1, '[::1]:41641'",
    "2001:db8::1, '[2001:db8::1]:41641'",
    "2001:db8:0:1:0:0:0:1, '[2001:db8:0:1::1]:41641'",
    "2001:0:0:1:0:0:0:1, '[2001:0:0:1::1]:41641'",
    "fe80:1:2:3:4:5:6:7, '[fe80:1:2:3:4:5:6:7]:41641'",
    "::, '[::]:41641'",
  })
  void format(String ip, String wire) {
    InetSocketAddress a = new InetSocketAddress(InetAddress.ofLiteral(ip), 41641);
    assertEquals(wire, Endpoints.format(a));
    assertEquals(List.of(a), Endpoints.parse(List.of(wire)));
  }

  @Test
  @DisplayName("malformed endpoints are skipped, never thrown")
  void skipsMalformed() {
    assertEquals(
        List.of(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), 1)),
        Endpoints.parse(
            List.of(
                "10.0.0.1:1",
                "10.0.0.1",
                "10.0.0.1:0",
                "10.0.0.1:70000",
                "::1:5",
                "[::1]:",
                "host.example:41641",
                "[zz]:1",
                ":1")));
  }
}
