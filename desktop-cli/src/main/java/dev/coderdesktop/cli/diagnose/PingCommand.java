// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.diagnose;

import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.cli.status.AgentInfo;
import dev.coderdesktop.cli.status.StatusReport;
import dev.coderdesktop.vpn.proto.ServiceClient;
import java.io.IOException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ping}: the service's own view of an agent (last ping's latency and path), then pings its
 * tunnel address with the system's {@code ping -6}, so the name needs no DNS.
 */
@Command(
    name = "ping",
    mixinStandardHelpOptions = true,
    description = {
      "Ping a workspace agent through the tunnel: prints the service's last ping (latency, direct"
          + " or relayed), then pings the agent's tunnel address with ping -6 (no DNS needed; use"
          + " netcheck to check name resolution)."
    })
public final class PingCommand extends Subcommand {

  @Parameters(index = "0", paramLabel = "HOST", description = "An agent's name, e.g. dev.coder.")
  String host;

  @Option(
      names = "-c",
      defaultValue = "3",
      paramLabel = "N",
      description = "How many pings (default: ${DEFAULT-VALUE}).")
  int count;

  @Override
  public Integer call() throws UserError, IOException {
    String want = host.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    AgentInfo a;
    try (ServiceClient client = root.connect()) {
      a =
          StatusReport.from(client.status(), root.clock().instant()).agents().stream()
              .filter(x -> x.fqdns().contains(want))
              .findFirst()
              .orElseThrow(
                  () ->
                      new UserError(
                          ExitCode.USAGE,
                          host + " is not one of your agents (see coder-desktop hosts)"));
    }
    if (a.addresses().isEmpty()) {
      throw new UserError(ExitCode.FAILED, "the service lists no address for " + a.hostname());
    }
    root.terminal()
        .err()
        .println(
            a.hostname()
                + ": last ping "
                + a.latency()
                    .map(d -> String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6))
                    .orElse("none yet")
                + a.path().map(p -> " (" + p + ")").orElse(""));
    root.terminal().err().flush();
    String address = a.addresses().get(0).replaceAll("/.*$", "");
    Process p =
        new ProcessBuilder("ping", "-6", "-c", Integer.toString(count), address)
            .inheritIO()
            .start();
    try {
      return p.waitFor() == 0 ? ExitCode.OK : ExitCode.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.FAILED;
    }
  }
}
