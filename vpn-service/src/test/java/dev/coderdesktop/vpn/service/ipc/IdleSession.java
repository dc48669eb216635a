// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.vpn.service.session.Session;
import java.util.List;

/** A session that opened and does nothing: no agents; rebind and close are no-ops. */
final class IdleSession implements Session {

  @Override
  public List<AgentView> agents() {
    return List.of();
  }

  @Override
  public void rebind(String reason) {}

  @Override
  public void close() {}
}
