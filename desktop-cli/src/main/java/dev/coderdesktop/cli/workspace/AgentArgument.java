// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.workspace;

import dev.coderdesktop.cli.CoderDesktopCli;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.coder.sdk.workspace.Workspaces;
import java.io.IOException;
import picocli.CommandLine.Parameters;

/**
 * The HOST argument that {@code apps} and {@code ports} share, mixed into both, and the lookup of
 * the agent it names on the signed-in deployment. picocli fills the field on the command's thread
 * before {@link #find} is called.
 */
final class AgentArgument {

  /**
   * The agent HOST named, found on its deployment.
   *
   * @param deployment the signed-in deployment
   * @param target the agent with its workspace
   * @param hostname the agent's Coder Connect name under the deployment's suffix
   */
  record Found(Deployment deployment, Workspaces.Target target, String hostname) {}

  @Parameters(
      index = "0",
      paramLabel = "HOST",
      description = "The agent: its .coder host name, or WORKSPACE[.AGENT].")
  String host;

  /** Opens the stored sign-in's deployment and finds the agent there. */
  Found find(CoderDesktopCli root) throws UserError, IOException {
    Deployment d = Deployment.open(root);
    String suffix = d.suffix();
    Workspaces.Target t = d.target(Deployment.name(host, suffix));
    return new Found(d, t, t.hostname(suffix));
  }
}
