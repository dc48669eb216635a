// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Watching the machine's network for changes that can silently kill our connections: links going up
 * or down, addresses coming and going, the default route moving (Linux rtnetlink through the
 * foreign function API). Changes are debounced on the injected clock and reported as one callback.
 * {@link dev.coderdesktop.tunnel.netmon.NetworkMonitor} is thread-safe; the parser is stateless.
 */
package dev.coderdesktop.tunnel.netmon;
