// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.signin;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import java.io.IOException;
import java.util.Optional;

/**
 * Where the sign-ins are kept between runs: a token per deployment, keyed by its URL, and which
 * deployment is current ({@link SignInIndex}). Implementations never log or put a token in an
 * exception message, and read a store written before there could be several deployments as one
 * current deployment. Calls block (processes, D-Bus, disk): make them off the UI thread.
 */
public interface TokenStore {

  /** The deployments signed in to, and the current one. */
  SignInIndex index() throws IOException;

  /** The stored sign-in of {@code url}, if any; a damaged entry reads as none. */
  Optional<SignIn> load(DeploymentUrl url) throws IOException;

  /** The current deployment's sign-in, if any. */
  default Optional<SignIn> load() throws IOException {
    Optional<DeploymentUrl> current = index().current();
    return current.isEmpty() ? Optional.empty() : load(current.get());
  }

  /** Adds the sign-in (replacing the token of the same deployment) and makes it current. */
  void save(SignIn signIn) throws IOException;

  /**
   * Makes {@code url} current.
   *
   * @throws IllegalArgumentException if it is not signed in
   */
  void use(DeploymentUrl url) throws IOException;

  /**
   * Forgets {@code url}'s token (see {@link SignInIndex#without} for which becomes current); not
   * signed in there is fine.
   */
  void remove(DeploymentUrl url) throws IOException;

  /** Forgets every sign-in; nothing stored is fine. */
  void clear() throws IOException;

  /** Where it keeps the tokens, for the log and the settings window. */
  String describe();
}
