// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.vpn;

import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.vpn.proto.ServiceClient;
import dev.coderdesktop.vpn.proto.wire.StopResponse;
import java.io.IOException;
import picocli.CommandLine.Command;

/** {@code down}: stops CoderVPN; already off is fine. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Turn CoderVPN off.")
public final class DownCommand extends Subcommand {

  @Override
  public Integer call() throws UserError, IOException {
    try (ServiceClient client = root.connect()) {
      StopResponse r = client.stop();
      if (!r.getSuccess()) {
        throw new UserError(ExitCode.FAILED, "CoderVPN did not stop: " + r.getErrorMessage());
      }
      root.terminal().out().println("CoderVPN is off.");
      return ExitCode.OK;
    }
  }
}
