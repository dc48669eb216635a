// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.netns;

import dev.coderdesktop.testbed.config.NetworkShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a namespace on the lab bridge into the home router of one agent namespace: a private {@code
 * 192.168.N.0/24} between them, the agent's default route through the router, and Debian's iptables
 * doing NAT the way the shape says. Every shape lets in only replies to what went out (conntrack),
 * as a home router does; they differ in how the public port is chosen and in whether UDP passes at
 * all.
 */
final class NatRouter {

  private static final String WAN = "eth0";
  private static final String LAN = "lan0";

  private NatRouter() {}

  /** Wires {@code router} in front of {@code agent}; {@code n} (1-240) picks the private subnet. */
  static void build(String router, String agent, int n, NetworkShape shape) throws IOException {
    String gateway = "192.168." + n + ".1";
    Commands.run(
        "ip", "-n", router, "link", "add", LAN, "type", "veth", "peer", "name", "eth0", "netns",
        agent);
    Commands.run("ip", "-n", router, "addr", "add", gateway + "/24", "dev", LAN);
    Commands.run("ip", "-n", router, "link", "set", LAN, "up");
    Commands.run("ip", "-n", router, "link", "set", "lo", "up");
    Commands.run("ip", "-n", agent, "addr", "add", "192.168." + n + ".2/24", "dev", "eth0");
    Commands.run("ip", "-n", agent, "link", "set", "eth0", "up");
    Commands.run("ip", "-n", agent, "route", "add", "default", "via", gateway);
    Commands.run("ip", "netns", "exec", router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    for (List<String> rule : rules(shape)) {
      List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", router, "iptables"));
      cmd.addAll(rule);
      Commands.run(cmd.toArray(String[]::new));
    }
  }

  /** The iptables rules (arguments after {@code iptables}) for a routed shape. */
  static List<List<String>> rules(NetworkShape shape) {
    if (!shape.routed()) {
      throw new IllegalArgumentException(shape + " has no router");
    }
    List<List<String>> rules = new ArrayList<>();
    if (shape == NetworkShape.BLOCKED) {
      rules.add(List.of("-A", "FORWARD", "-p", "udp", "-j", "DROP"));
    }
    rules.add(
        List.of(
            "-A",
            "FORWARD",
            "-i",
            WAN,
            "-o",
            LAN,
            "-m",
            "conntrack",
            "--ctstate",
            "ESTABLISHED,RELATED",
            "-j",
            "ACCEPT"));
    rules.add(List.of("-A", "FORWARD", "-i", WAN, "-o", LAN, "-j", "DROP"));
    // Unsolicited packets to the router itself must die in the filter table: accepted, they would
    // leave a conntrack entry holding the public port, and the agent's own first packet to that
    // peer would then be given another port, breaking the endpoint-independent mapping.
    rules.add(
        List.of("-A", "INPUT", "-i", WAN, "-m", "conntrack", "--ctstate", "NEW", "-j", "DROP"));
    // Plain MASQUERADE keeps the agent's source port when it is free, so one private port maps to
    // one public port whatever the destination (endpoint-independent mapping); fully random ports
    // give every destination its own mapping (symmetric NAT).
    List<String> nat =
        new ArrayList<>(List.of("-t", "nat", "-A", "POSTROUTING", "-o", WAN, "-j", "MASQUERADE"));
    if (shape == NetworkShape.HARD) {
      nat.add("--random-fully");
    }
    rules.add(nat);
    return rules;
  }
}
