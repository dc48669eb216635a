// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.signin;

import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.cli.deployments.DeploymentArgument;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.signin.SignInIndex;
import dev.coderdesktop.coder.sdk.signin.TokenStore;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code logout}: forgets one deployment's sign-in (the current one unless named), or every one
 * with {@code --all}; the tray app's too, as they share them.
 */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description = {
      "Forget the token of the current deployment, of DEPLOYMENT, or of all (--all), for the tray"
          + " app too. Signing out of the current one makes the first remaining deployment current.",
      "CoderVPN keeps running until 'coder-desktop down'."
    })
public final class LogoutCommand extends Subcommand {

  @Mixin DeploymentArgument deployment;

  @Option(names = "--all", description = "Sign out of every deployment.")
  boolean all;

  @Override
  public Integer call() throws IOException, UserError {
    TokenStore store = root.tokens();
    PrintWriter out = root.terminal().out();
    if (all) {
      store.clear();
      out.println("Signed out of every deployment; forgot the tokens in " + store.describe() + ".");
      return ExitCode.OK;
    }
    SignInIndex index = store.index();
    DeploymentUrl target;
    if (deployment.given()) {
      target = deployment.resolve(index.deployments());
    } else if (index.current().isPresent()) {
      target = index.current().get();
    } else {
      out.println("Not signed in.");
      return ExitCode.OK;
    }
    store.remove(target);
    out.println("Signed out of " + target + "; forgot its token in " + store.describe() + ".");
    SignInIndex now = store.index();
    if (now.current().isPresent() && !now.current().equals(index.current())) {
      out.println("Now using " + now.current().get() + ".");
    }
    return ExitCode.OK;
  }
}
