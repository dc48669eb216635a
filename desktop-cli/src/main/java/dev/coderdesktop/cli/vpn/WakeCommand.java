// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.vpn;

import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.vpn.proto.ServiceClient;
import java.io.IOException;
import picocli.CommandLine.Command;

/** {@code wake}: asks the service to re-bind now, as the tray app does when the machine resumes. */
@Command(
    name = "wake",
    mixinStandardHelpOptions = true,
    description =
        "Tell the service the network may have changed (after a resume): it redials the relay"
            + " and the control plane at once.")
public final class WakeCommand extends Subcommand {

  @Override
  public Integer call() throws UserError, IOException {
    try (ServiceClient client = root.connect()) {
      if (!client.wake().getSuccess()) {
        throw new UserError(ExitCode.FAILED, "CoderVPN is not on");
      }
      root.terminal().out().println("CoderVPN is re-binding.");
      return ExitCode.OK;
    }
  }
}
