// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the service remembers that the user wants the VPN on, so that it comes back after the
 * service restarts: what the last successful Start asked for, kept until a Stop or a refused
 * sign-in. Implementations are thread-safe.
 */
public interface SessionStore {

  /** Remembers {@code params}. */
  void save(Session.StartParams params) throws IOException;

  /** What was remembered, if anything (an unreadable record is dropped and reads as nothing). */
  Optional<Session.StartParams> load();

  /** Forgets. */
  void clear();

  /** Remembers nothing: the VPN stays off after a restart. */
  SessionStore NONE =
      new SessionStore() {
        @Override
        public void save(Session.StartParams params) {}

        @Override
        public Optional<Session.StartParams> load() {
          return Optional.empty();
        }

        @Override
        public void clear() {}
      };
}
