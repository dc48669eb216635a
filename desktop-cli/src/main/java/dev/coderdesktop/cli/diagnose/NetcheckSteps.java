// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.diagnose;

import dev.coderdesktop.cli.status.AgentInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The probes behind {@code netcheck}'s steps, one method per step. Stateless; each blocks. */
final class NetcheckSteps {

  /** Which failure explains which: a dead shim also breaks the resolver that forwards to it. */
  private static final List<String> ROOT_CAUSE_ORDER =
      List.of("service", "shim", "resolver", "relay", "agent");

  private NetcheckSteps() {}

  static Step resolver(AgentInfo a, String serviceNote) {
    String fix =
        "send .coder lookups to the service's resolver "
            + NetcheckCommand.SHIM
            + (serviceNote.isEmpty() ? "" : " (the service says: " + serviceNote + ")")
            + "; see docs/user-guide.md";
    try {
      List<String> got =
          Arrays.stream(InetAddress.getAllByName(a.hostname()))
              .map(InetAddress::getHostAddress)
              .toList();
      if (got.stream().anyMatch(g -> sameAddress(g, a.addresses()))) {
        return Step.pass("resolver", a.hostname() + " -> " + String.join(", ", got));
      }
      return Step.fail(
          "resolver",
          a.hostname() + " resolves to " + got + ", not the agent's " + a.addresses(),
          fix);
    } catch (UnknownHostException e) {
      return Step.fail("resolver", a.hostname() + " does not resolve on this machine", fix);
    }
  }

  static Step shim(AgentInfo a, String shim, Duration timeout) {
    String fix =
        "the service's resolver is not answering: restart the service (sudo systemctl restart"
            + " coder-desktop-vpn) and read its log (journalctl -u coder-desktop-vpn)";
    try {
      List<String> got =
          DnsProbe.aaaa(NetcheckCommand.address(shim), a.hostname(), timeout).stream()
              .map(InetAddress::getHostAddress)
              .toList();
      if (got.stream().anyMatch(g -> sameAddress(g, a.addresses()))) {
        return Step.pass(
            "shim", shim + " answers " + a.hostname() + " -> " + String.join(", ", got));
      }
      return Step.fail("shim", shim + " answered " + got + " for " + a.hostname(), fix);
    } catch (IOException e) {
      return Step.fail("shim", e.getMessage(), fix);
    }
  }

  static Step relay(AgentInfo a) {
    if (a.direct().orElse(false)) {
      return Step.pass("relay", "not needed: the last ping went direct");
    }
    if (a.latency().isPresent()) {
      return Step.pass(
          "relay",
          "pings go through the DERP relay"
              + (a.relay().isEmpty() ? "" : " " + a.relay())
              + " ("
              + ms(a.latency().get())
              + ")");
    }
    String fix =
        "the service has no ping or handshake with the agent: check that this machine reaches"
            + " the deployment's DERP relay (/derp; a proxy or firewall may block it) and that"
            + " the workspace's agent is connected";
    return a.lastHandshake().isPresent()
        ? Step.pass("relay", "WireGuard handshake done, no ping answered yet")
        : Step.fail("relay", "no handshake and no ping answered yet", fix);
  }

  static Step agent(AgentInfo a, Duration timeout) {
    String fix =
        "the agent does not answer through the tunnel: check the workspace is running and its"
            + " agent connected in the dashboard, then coder-desktop status";
    if (a.addresses().isEmpty()) {
      return Step.fail("agent", "the service lists no address for " + a.hostname(), fix);
    }
    String address = a.addresses().get(0).replaceAll("/.*$", "");
    try {
      Process p =
          new ProcessBuilder(
                  "ping", "-6", "-n", "-c", "1", "-W", Long.toString(timeout.toSeconds()), address)
              .redirectErrorStream(true)
              .start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(timeout.toSeconds() + 2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      } else if (p.exitValue() == 0) {
        String rtt = out.lines().filter(l -> l.contains("time=")).findFirst().orElse("");
        String time = rtt.isEmpty() ? "" : " (" + rtt.substring(rtt.indexOf("time=") + 5) + ")";
        return Step.pass("agent", address + " answers a ping" + time);
      }
      return Step.fail(
          "agent", "no ping reply from " + address + " in " + timeout.toSeconds() + " s", fix);
    } catch (IOException e) {
      return Step.fail("agent", "cannot run ping: " + e.getMessage(), "install iputils-ping");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Step.fail("agent", "interrupted", fix);
    }
  }

  /** The failed step that explains the others, if any failed. */
  static Optional<Step> broken(List<Step> steps) {
    for (String name : ROOT_CAUSE_ORDER) {
      for (Step s : steps) {
        if (!s.passed() && s.name().equals(name)) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean sameAddress(String got, List<String> want) {
    try {
      InetAddress g = InetAddress.getByName(got);
      for (String w : want) {
        if (InetAddress.getByName(w.replaceAll("/.*$", "")).equals(g)) {
          return true;
        }
      }
    } catch (UnknownHostException e) {
      return false;
    }
    return false;
  }

  private static String ms(Duration d) {
    return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
  }
}
