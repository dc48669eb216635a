// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.status;

import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.JsonOption;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.vpn.proto.ServiceClient;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code hosts}: every agent's {@code .coder} name, one per line (or JSON), for scripts. */
@Command(
    name = "hosts",
    mixinStandardHelpOptions = true,
    description =
        "Print the .coder hostname of every agent, one per line (--json: with addresses).")
public final class HostsCommand extends Subcommand {

  @Mixin JsonOption json;

  @Override
  public Integer call() throws UserError, IOException {
    try (ServiceClient client = root.connect()) {
      StatusReport r = StatusReport.from(client.status(), root.clock().instant());
      if (json.given()) {
        root.terminal().out().println(StatusJson.hosts(r));
      } else {
        r.agents().forEach(a -> root.terminal().out().println(a.hostname()));
      }
      root.terminal().out().flush();
      return ExitCode.OK;
    }
  }
}
