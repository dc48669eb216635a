// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.signin;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fallback store: one file, mode 0600 ({@link CredentialsFile}), holding every deployment's
 * token, so the CLI and the tray share the sign-ins when no secret service is available. Each
 * change reads, changes and rewrites the whole file, one change at a time within a process; across
 * processes the writers are one user's own programs.
 */
public final class FileTokenStore implements TokenStore {

  private final Path file;

  /** A store in {@code file}. */
  public FileTokenStore(Path file) {
    this.file = file;
  }

  @Override
  public SignInIndex index() throws IOException {
    return CredentialsFile.read(file).index();
  }

  @Override
  public Optional<SignIn> load(DeploymentUrl url) throws IOException {
    String token = CredentialsFile.read(file).tokens().get(url);
    if (token == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SignIn(url, SessionToken.of(token)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public synchronized void save(SignIn signIn) throws IOException {
    CredentialsFile f = CredentialsFile.read(file);
    Map<DeploymentUrl, String> tokens = new HashMap<>(f.tokens());
    tokens.put(signIn.url(), signIn.token().reveal());
    new CredentialsFile(f.index().adding(signIn.url()), tokens).write(file);
  }

  @Override
  public synchronized void use(DeploymentUrl url) throws IOException {
    CredentialsFile f = CredentialsFile.read(file);
    new CredentialsFile(f.index().using(url), f.tokens()).write(file);
  }

  @Override
  public synchronized void remove(DeploymentUrl url) throws IOException {
    CredentialsFile f = CredentialsFile.read(file);
    if (f.index().contains(url)) {
      new CredentialsFile(f.index().without(url), f.tokens()).write(file);
    }
  }

  @Override
  public synchronized void clear() throws IOException {
    Files.deleteIfExists(file);
  }

  /** Every stored sign-in, for moving them into the keyring. */
  Map<DeploymentUrl, String> tokens() throws IOException {
    return CredentialsFile.read(file).tokens();
  }

  @Override
  public String describe() {
    return "the file " + file + " (readable only by you)";
  }
}
