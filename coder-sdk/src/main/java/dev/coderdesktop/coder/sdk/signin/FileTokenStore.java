// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.signin;

import dev.coderdesktop.coder.sdk.Credentials;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fallback store: the CLI's credentials file (mode 0600, see {@link Credentials}), so the CLI
 * and the tray share one sign-in when no secret service is available. Stateless apart from the
 * path.
 */
public final class FileTokenStore implements TokenStore {

  private final Path file;

  /** A store in {@code file}. */
  public FileTokenStore(Path file) {
    this.file = file;
  }

  @Override
  public Optional<SignIn> load() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Credentials c = Credentials.load(file);
    try {
      return Optional.of(new SignIn(DeploymentUrl.parse(c.url()), SessionToken.of(c.token())));
    } catch (DeploymentUrl.InvalidException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public void save(SignIn signIn) throws IOException {
    new Credentials(signIn.url().toString(), signIn.token().reveal()).save(file);
  }

  @Override
  public void clear() throws IOException {
    Files.deleteIfExists(file);
  }

  @Override
  public String describe() {
    return "the file " + file + " (readable only by you)";
  }
}
