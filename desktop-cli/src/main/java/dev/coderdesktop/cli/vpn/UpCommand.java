// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.vpn;

import dev.coderdesktop.cli.CoderDesktopCli;
import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.vpn.proto.ServiceClient;
import dev.coderdesktop.vpn.proto.wire.StartResponse;
import dev.coderdesktop.vpn.proto.wire.Status;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code up}: starts CoderVPN with the stored sign-in. The service treats a repeat with the same
 * sign-in as a no-op and restarts the session for a new one, so {@code login} then {@code up}
 * always ends on the new sign-in.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Turn CoderVPN on with the stored sign-in.",
      "Already on with the same sign-in: nothing changes. On with another sign-in (after a new"
          + " login): the service reconnects with the new one.",
      "Returns once your workspaces' names resolve and each agent can be reached (at most a"
          + " second later when an agent is offline)."
    })
public final class UpCommand extends Subcommand {

  @Mixin StartOptions options;

  /** The command under {@code root} with no options, as picocli would set it up for {@code up}. */
  public static UpCommand of(CoderDesktopCli root) {
    UpCommand c = new UpCommand();
    c.root = root;
    c.options = new StartOptions();
    return c;
  }

  @Override
  public Integer call() throws UserError, IOException {
    SignIn s = root.signIn();
    try (ServiceClient client = root.connect()) {
      return start(root, client, s, options);
    }
  }

  /**
   * Asks the service to start CoderVPN with {@code s} and prints the outcome (and the DNS mode);
   * also how {@code use} moves CoderVPN to another deployment.
   */
  public static int start(
      CoderDesktopCli root, ServiceClient client, SignIn s, StartOptions options)
      throws UserError, IOException {
    // A stored http:// URL to another machine passed login only with --allow-insecure-http.
    StartResponse r =
        client.start(
            s.url().toString(),
            s.token().reveal(),
            options.headers(),
            options.noDirect(),
            s.url().isPlainHttp());
    if (!r.getSuccess()) {
      throw new UserError(ExitCode.FAILED, "CoderVPN did not start: " + r.getErrorMessage());
    }
    Status st = client.status();
    if (CoderDesktopCli.stoppedWithError(st)) {
      // The session started and ended at once (the deployment refused the token).
      throw new UserError(ExitCode.FAILED, "CoderVPN stopped: " + st.getErrorMessage());
    }
    root.terminal().out().println("CoderVPN is on (" + s.url() + ").");
    if (st.hasDns()) {
      root.terminal()
          .out()
          .println("DNS: " + st.getDns().getDetail() + " (" + st.getDns().getMode() + ")");
    }
    if (!st.getErrorMessage().isEmpty()) {
      root.terminal().err().println("Note: " + st.getErrorMessage());
    }
    return ExitCode.OK;
  }
}
