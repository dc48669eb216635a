// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.workspace;

import dev.coderdesktop.coder.sdk.workspace.Transition;
import picocli.CommandLine.Command;

/** {@code stop}: a stop build for a workspace, followed to its end. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = {
      "Stop a workspace with a stop build on the deployment, printing the build's progress; exits 1"
          + " with the build's error when it fails. Already stopped: nothing to do."
    })
public final class StopCommand extends BuildCommand {

  /** For picocli. */
  public StopCommand() {
    super(Transition.STOP);
  }
}
