// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.signin;

import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.InvalidValueException;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.coder.sdk.signin.TokenStore;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code login}: checks the deployment and the token, then stores them where the tray does. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Sign in: checks the deployment (Coder 2.20.0 or later) and the session token, then stores"
          + " them: the token in the desktop keyring (Secret Service) when there is one, else in"
          + " ~/.config/coder-desktop/credentials (mode 0600). The tray app uses the same sign-ins.",
      "You can be signed in to several deployments: login adds one (or renews its token) and makes"
          + " it current; 'coder-desktop use' switches, 'coder-desktop deployments' lists them.",
      "The token is read without echo from the terminal, from a pipe, or from --token-file."
    })
public final class LoginCommand extends Subcommand {

  @Parameters(
      arity = "0..1",
      paramLabel = "URL",
      description = "The deployment, e.g. https://coder.example.com.")
  String urlArgument;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "The deployment, as the argument (the form before several deployments).")
  String url;

  @Option(
      names = "--token-file",
      paramLabel = "PATH",
      description = "Read the session token from this file (- for standard input).")
  Path tokenFile;

  @Option(
      names = "--ca-file",
      paramLabel = "PATH",
      description =
          "Also trust the certificate authorities in this PEM file (default:"
              + " $CODER_DESKTOP_CA_FILE); the system's certificate store is always trusted.")
  Path caFile;

  @Option(
      names = "--allow-insecure-http",
      description =
          "Accept a plain http:// URL to another machine (the session token then crosses the"
              + " network unencrypted). Without it only https:// and http:// to this machine"
              + " (localhost, 127.0.0.1, ::1) are accepted.")
  boolean allowInsecureHttp;

  @Override
  public Integer call() throws UserError, IOException {
    if (urlArgument != null && url != null && !urlArgument.equals(url)) {
      throw new UserError(ExitCode.USAGE, "give the deployment once: as URL or with --url");
    }
    String given = urlArgument != null ? urlArgument : url;
    if (given == null) {
      throw new UserError(ExitCode.USAGE, "which deployment? coder-desktop login URL");
    }
    DeploymentUrl u;
    try {
      u = DeploymentUrl.parse(given, allowInsecureHttp);
    } catch (InvalidValueException e) {
      throw new UserError(ExitCode.USAGE, e.getMessage());
    }
    String text =
        TokenInput.read(
            root.terminal(),
            tokenFile,
            "Paste a session token from " + u.resolve("/cli-auth") + " and press Enter.");
    SessionToken token;
    try {
      token = SessionToken.of(text);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, e.getMessage());
    }
    String version;
    String user;
    try {
      CoderClient api = root.api(u, token, caFile);
      version = api.checkVersion().toString();
      user = api.me().username();
    } catch (CoderException e) {
      throw new UserError(ExitCode.FAILED, "sign-in failed: " + e.getMessage());
    }
    TokenStore store = root.tokens();
    int before = store.index().deployments().size();
    store.save(new SignIn(u, token));
    root.terminal()
        .out()
        .println("Signed in to " + u + " (Coder " + version + ") as " + user + ".");
    root.terminal().err().println("The token is kept in " + store.describe() + ".");
    if (before > 0) {
      root.terminal()
          .err()
          .println(
              "It is now the current deployment ('coder-desktop deployments' lists them);"
                  + " 'coder-desktop up' moves CoderVPN to it if it is on for another.");
    }
    return ExitCode.OK;
  }
}
