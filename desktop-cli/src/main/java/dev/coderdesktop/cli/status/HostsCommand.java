// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.status;

import dev.coderdesktop.cli.CoderDesktopCli;
import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.vpn.proto.ServiceClient;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hosts}: every agent's {@code .coder} name, one per line (or JSON), for scripts. */
@Command(
    name = "hosts",
    mixinStandardHelpOptions = true,
    description =
        "Print the .coder hostname of every agent, one per line (--json: with addresses).")
public final class HostsCommand implements Callable<Integer> {

  @ParentCommand CoderDesktopCli root;

  @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
  boolean json;

  @Override
  public Integer call() throws UserError, IOException {
    try (ServiceClient client = root.connect()) {
      StatusReport r = StatusReport.from(client.status(), root.clock().instant());
      if (json) {
        root.terminal().out().println(StatusJson.hosts(r));
      } else {
        r.agents().forEach(a -> root.terminal().out().println(a.hostname()));
      }
      root.terminal().out().flush();
      return ExitCode.OK;
    }
  }
}
