// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import dev.coderdesktop.vpn.service.session.Session;
import dev.coderdesktop.vpn.service.session.SessionStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A session store in memory, for tests. */
final class MemoryStore implements SessionStore {

  final AtomicReference<Session.StartParams> saved = new AtomicReference<>();

  @Override
  public void save(Session.StartParams params) {
    saved.set(params);
  }

  @Override
  public Optional<Session.StartParams> load() {
    return Optional.ofNullable(saved.get());
  }

  @Override
  public void clear() {
    saved.set(null);
  }
}
