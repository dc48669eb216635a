// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.workspace;

import dev.coderdesktop.coder.sdk.workspace.Transition;
import picocli.CommandLine.Command;

/** {@code start}: a start build for a workspace, followed to its end. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start a workspace with a start build on the deployment, printing the build's progress; exits 1"
          + " with the build's error when it fails. Already running: nothing to do."
    })
public final class StartCommand extends BuildCommand {

  /** For picocli. */
  public StartCommand() {
    super(Transition.START);
  }
}
