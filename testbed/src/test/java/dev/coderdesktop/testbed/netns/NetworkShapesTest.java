// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coderdesktop.testbed.config.NetworkShape;
import dev.coderdesktop.testbed.stun.StunServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lab's network shapes, at the UDP level and with no tunnel: what a client on the bridge and an
 * agent of each shape can send each other, and what the testbed's STUN server tells the agent.
 * These are the facts the direct path relies on (or must survive without).
 */
@Tag("root")
class NetworkShapesTest {

  private static final int PORT = 41641;

  @Test
  @Timeout(120)
  @DisplayName("relay, direct, nat (hole punching), hard (symmetric) and blocked behave as named")
  void shapes() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (System.getenv("CI") == null) {
      assumeTrue(root, "needs root for network namespaces");
    }
    assertTrue(root, "CI must run this as root");
    try (NetworkLab lab = NetworkLab.create();
        StunServer stun = StunServer.start(new InetSocketAddress(lab.hostAddress(), 0));
        Probes probes = new Probes()) {
      String stunHost = lab.hostAddress();
      int stunPort = stun.address().getPort();
      NetworkLab.Host clientHost = lab.addHost("client");
      Probe client = probes.start(clientHost);

      // relay: the client cannot reach the agent's own address at all.
      NetworkLab.Host relayHost = lab.addHost("relay", NetworkShape.RELAY);
      Probe relay = probes.start(relayHost);
      assertEquals("mapped " + relayHost.address() + ":" + PORT, relay.ask(stunCmd(lab, stunPort)));
      client.ask("send " + relayHost.address() + " " + PORT);
      assertEquals("none", relay.ask("recv 500"), "relay agents are unreachable from clients");

      // direct: it can.
      NetworkLab.Host directHost = lab.addHost("direct", NetworkShape.DIRECT);
      Probe direct = probes.start(directHost);
      client.ask("send " + directHost.address() + " " + PORT);
      assertEquals("from " + clientHost.address() + ":" + PORT, direct.ask("recv 2000"));

      // nat: STUN shows the router's address with the agent's own port (endpoint-independent);
      // the client's first packet is dropped, and gets through once the agent has sent to it.
      NetworkLab.Host natHost = lab.addHost("nat", NetworkShape.NAT);
      Probe nat = probes.start(natHost);
      String mapped = nat.ask("stun " + stunHost + " " + stunPort);
      assertEquals("mapped " + natHost.address() + ":" + PORT, mapped);
      client.ask("send " + natHost.address() + " " + PORT);
      assertEquals("none", nat.ask("recv 500"), "unsolicited packets stop at the NAT");
      nat.ask("send " + clientHost.address() + " " + PORT);
      assertEquals("from " + natHost.address() + ":" + PORT, client.ask("recv 2000"));
      client.ask("send " + natHost.address() + " " + PORT);
      assertEquals("from " + clientHost.address() + ":" + PORT, nat.ask("recv 2000"));

      // hard: each destination gets its own public port, so the STUN answer is no use to anyone.
      NetworkLab.Host hardHost = lab.addHost("hard", NetworkShape.HARD);
      Probe hard = probes.start(hardHost);
      String hardMapped = hard.ask("stun " + stunHost + " " + stunPort);
      assertTrue(hardMapped.startsWith("mapped " + hardHost.address() + ":"), hardMapped);
      hard.ask("send " + clientHost.address() + " " + PORT);
      String seen = client.ask("recv 2000");
      assertTrue(seen.startsWith("from " + hardHost.address() + ":"), seen);
      assertNotEquals(
          hardMapped.substring("mapped ".length()),
          seen.substring("from ".length()),
          "a symmetric NAT maps the same socket differently per destination");

      // blocked: no UDP at all, not even STUN; TCP still leaves (the relay's way out).
      NetworkLab.Host blockedHost = lab.addHost("blocked", NetworkShape.BLOCKED);
      Probe blocked = probes.start(blockedHost);
      assertEquals("none", blocked.ask("stun " + stunHost + " " + stunPort));
      assertTrue(stun.answered() >= 3);
    }
  }

  private static String stunCmd(NetworkLab lab, int port) {
    return "stun " + lab.hostAddress() + " " + port;
  }

  /** A running {@link UdpProbe}. */
  private record Probe(Process process, PrintWriter out, BufferedReader in) {
    String ask(String command) throws IOException {
      out.println(command);
      out.flush();
      String line = in.readLine();
      if (line == null) {
        throw new IOException("probe ended on " + command);
      }
      return line;
    }
  }

  /** Starts probes in namespaces and stops them all at the end. */
  private static final class Probes implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();

    Probe start(NetworkLab.Host host) throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      Process p =
          new ProcessBuilder(
                  "ip",
                  "netns",
                  "exec",
                  host.namespace(),
                  java,
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  UdpProbe.class.getName(),
                  String.valueOf(PORT))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      started.add(p);
      Probe probe =
          new Probe(
              p,
              new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8),
              new BufferedReader(
                  new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
      String ready = probe.in().readLine();
      if (!"ready".equals(ready)) {
        throw new IOException("probe in " + host.namespace() + " did not start: " + ready);
      }
      return probe;
    }

    @Override
    public void close() {
      for (Process p : started) {
        p.destroyForcibly();
      }
    }
  }
}
