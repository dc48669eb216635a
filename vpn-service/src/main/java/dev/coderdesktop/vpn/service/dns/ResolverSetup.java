// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One way of making the system resolver send the suffix's names to the shim; which {@link
 * ResolverMode} it serves is {@link SystemResolver}'s choice, made in one place. {@link #revert}
 * must work in a fresh process from the same arguments alone (crash repair), and be idempotent.
 */
interface ResolverSetup {

  /**
   * Points the resolver at {@code shim} for {@code suffix} on {@code link}; returns the servers the
   * shim must forward other names to (empty when only the suffix reaches it).
   */
  List<InetSocketAddress> apply(String link, InetAddress shim, String suffix) throws IOException;

  /** Undoes {@link #apply} for {@code link}; a no-op when nothing is applied. */
  void revert(String link) throws IOException;
}
