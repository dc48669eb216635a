// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.workspace;

import dev.coderdesktop.cli.CoderDesktopCli;
import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.coder.sdk.workspace.WorkspaceName;
import dev.coderdesktop.coder.sdk.workspace.Workspaces;
import java.io.IOException;

/**
 * The signed-in deployment's API for the workspace commands, and the mapping of its failures to
 * exit codes: not signed in (4), a name that is not valid (2), anything the deployment refused or
 * could not do, including an unknown workspace (1).
 */
final class Deployment {

  private final SignIn signIn;
  private final CoderClient client;

  private Deployment(SignIn signIn, CoderClient client) {
    this.signIn = signIn;
    this.client = client;
  }

  /** The stored sign-in's deployment, trusted and proxied as {@code login} would. */
  static Deployment open(CoderDesktopCli root) throws UserError, IOException {
    SignIn s = root.signIn();
    return new Deployment(s, root.api(s.url(), s.token(), null));
  }

  CoderClient client() {
    return client;
  }

  SignIn signIn() {
    return signIn;
  }

  /** The deployment's hostname suffix ({@code coder} unless it says otherwise). */
  String suffix() throws UserError {
    try {
      return client.agentConnectionInfo().hostnameSuffix();
    } catch (CoderException e) {
      throw failed(e);
    }
  }

  /** Reads a workspace or host name the user typed. */
  static WorkspaceName name(String text, String suffix) throws UserError {
    try {
      return WorkspaceName.parse(text, suffix);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, e.getMessage());
    }
  }

  /** The agent a host name names, with its workspace. */
  Workspaces.Target target(WorkspaceName name) throws UserError {
    try {
      return new Workspaces(client).target(name);
    } catch (Workspaces.NotFoundException e) {
      throw new UserError(ExitCode.FAILED, e.getMessage());
    } catch (CoderException e) {
      throw failed(e);
    }
  }

  /** A deployment failure as the user sees it: the server's message, or why it is unreachable. */
  static UserError failed(CoderException e) {
    if (e instanceof CoderException.Unauthorized) {
      return new UserError(
          ExitCode.NOT_SIGNED_IN,
          "the deployment refused the stored token ("
              + e.getMessage()
              + "): run coder-desktop login");
    }
    return new UserError(ExitCode.FAILED, e.getMessage());
  }
}
