// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.signin;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the sign-in is kept between runs. Implementations never log or put the token in an
 * exception message. Calls block (processes, D-Bus, disk): make them off the UI thread.
 */
public interface TokenStore {

  /** The stored sign-in, if any; a damaged entry reads as none. */
  Optional<SignIn> load() throws IOException;

  /** Replaces the stored sign-in. */
  void save(SignIn signIn) throws IOException;

  /** Forgets the stored sign-in; nothing stored is fine. */
  void clear() throws IOException;

  /** Where it keeps the token, for the log and the settings window. */
  String describe();
}
