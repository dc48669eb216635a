// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.vpn.service.dns.HostTable;
import java.io.Closeable;

/** The session's resolver for the agents' names (the DNS shim). Thread-safe. */
public interface NameServer extends Closeable {

  /** Replaces the names it answers. */
  void setTable(HostTable table);
}
