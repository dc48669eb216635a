// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderdesktop.coder.sdk.Values;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StunServersTest {

  @Test
  @DisplayName(
      "real coderd v2.24.1's map: the STUN-only node counts, the relay without a STUN port not;"
          + " port 0 means 3478 and a forced address wins over the host name")
  void fromDerpMap() throws Exception {
    Values.DerpMap m =
        new ObjectMapper()
            .readValue(
                "{\"Regions\":{\"1000\":{\"RegionID\":1000,\"Nodes\":[{\"Name\":\"1000stun0\","
                    + "\"RegionID\":1000,\"HostName\":\"127.0.0.1\",\"STUNPort\":44353,"
                    + "\"STUNOnly\":true}]},"
                    + "\"999\":{\"RegionID\":999,\"Nodes\":[{\"Name\":\"999b\",\"RegionID\":999,"
                    + "\"HostName\":\"\",\"IPv4\":\"127.0.0.1\",\"STUNPort\":-1,"
                    + "\"DERPPort\":45321},{\"Name\":\"999c\",\"RegionID\":999,"
                    + "\"HostName\":\"relay.invalid\",\"IPv6\":\"::1\",\"STUNPort\":0}]}}}",
                Values.DerpMap.class);
    assertEquals(
        List.of(
            new InetSocketAddress(InetAddress.ofLiteral("::1"), 3478),
            new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 44353)),
        StunServers.of(m));
  }
}
