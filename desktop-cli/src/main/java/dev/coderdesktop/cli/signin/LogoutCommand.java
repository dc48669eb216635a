// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.signin;

import dev.coderdesktop.cli.CoderDesktopCli;
import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.coder.sdk.signin.TokenStore;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code logout}: forgets the stored sign-in (the tray app's too; they share it). */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description =
        "Forget the stored deployment and token (for the tray app too). CoderVPN keeps running"
            + " until 'coder-desktop down'.")
public final class LogoutCommand implements Callable<Integer> {

  @ParentCommand CoderDesktopCli root;

  @Override
  public Integer call() throws IOException {
    TokenStore store = root.tokens();
    store.clear();
    root.terminal().out().println("Signed out; forgot the token in " + store.describe() + ".");
    return ExitCode.OK;
  }
}
