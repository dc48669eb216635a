// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.workspace;

import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.coder.sdk.workspace.Transition;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code start}: a start build for a workspace, followed to its end. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start a workspace with a start build on the deployment, printing the build's progress; exits 1"
          + " with the build's error when it fails. Already running: nothing to do."
    })
public final class StartCommand extends Subcommand {

  @Mixin BuildRun build;

  @Override
  public Integer call() throws UserError, IOException {
    return build.run(root, Transition.START);
  }
}
