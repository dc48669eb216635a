// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.deployments;

import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.JsonOption;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.cli.vpn.StartOptions;
import dev.coderdesktop.cli.vpn.UpCommand;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.coder.sdk.signin.SignInIndex;
import dev.coderdesktop.coder.sdk.signin.TokenStore;
import dev.coderdesktop.vpn.proto.ServiceClient;
import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.proto.wire.StopResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code use}: makes another signed-in deployment current; when CoderVPN is on for another one, it
 * moves: the old deployment's tunnel stops, then the new one's starts (one VPN at a time, each with
 * the hostname suffix its deployment gives). Without an argument it lists, as {@code deployments}.
 */
@Command(
    name = "use",
    mixinStandardHelpOptions = true,
    description = {
      "Switch to another deployment you are signed in to (see 'coder-desktop deployments').",
      "When CoderVPN is on for another deployment it moves: that tunnel stops and the new"
          + " deployment's starts, with the new deployment's hostname suffix and --header and"
          + " --no-direct as 'up' takes them. Without DEPLOYMENT, list the deployments."
    })
public final class UseCommand extends Subcommand {

  @Mixin DeploymentArgument deployment;

  @Mixin JsonOption json;

  // When CoderVPN moves, the new deployment's start takes these, as 'up' would.
  @Mixin StartOptions options;

  @Override
  public Integer call() throws UserError, IOException {
    if (!deployment.given()) {
      noteUnusedOptions();
      return DeploymentsCommand.list(root, json.given());
    }
    TokenStore store = root.tokens();
    SignInIndex index = store.index();
    DeploymentUrl target = deployment.resolve(index.deployments());
    SignIn to =
        store
            .load(target)
            .orElseThrow(
                () ->
                    new UserError(
                        ExitCode.NOT_SIGNED_IN,
                        "the token of "
                            + target
                            + " is gone: run 'coder-desktop login "
                            + target
                            + "'"));
    PrintWriter out = root.terminal().out();
    boolean already = index.current().equals(Optional.of(target));
    store.use(target);
    out.println((already ? "Already using " : "Now using ") + target + ".");
    Optional<Status> vpn = VpnPeek.status(root);
    if (vpn.isEmpty() || !VpnPeek.on(vpn.get())) {
      noteUnusedOptions();
      return ExitCode.OK;
    }
    String running = vpn.get().getDeploymentUrl();
    if (running.equals(target.toString())) {
      out.println("CoderVPN is on for it.");
      noteUnusedOptions();
      return ExitCode.OK;
    }
    try (ServiceClient client = root.connect()) {
      StopResponse stopped = client.stop();
      if (!stopped.getSuccess()) {
        throw new UserError(
            ExitCode.FAILED,
            "CoderVPN did not stop for "
                + (running.isEmpty() ? "the other deployment" : running)
                + ": "
                + stopped.getErrorMessage());
      }
      out.println(
          "CoderVPN is off for "
              + (running.isEmpty() ? "the other deployment" : running)
              + "; starting it for "
              + target
              + ".");
      out.flush();
      return UpCommand.start(root, client, to, options);
    }
  }

  /** The start options act only when CoderVPN moves; say so rather than drop them silently. */
  private void noteUnusedOptions() {
    if (options.given()) {
      root.terminal()
          .err()
          .println(
              "Note: --header and --no-direct were not used: they apply when 'use' moves CoderVPN"
                  + " to another deployment (otherwise give them to 'coder-desktop up').");
    }
  }
}
