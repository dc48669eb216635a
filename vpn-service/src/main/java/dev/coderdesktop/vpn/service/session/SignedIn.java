// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.tunnel.connect.ConnectConfig;

/**
 * What signing in to a deployment yields: the engine's configuration and, for the logs, the
 * server's version and the user. Immutable.
 *
 * @param config the engine's configuration (it holds the token; its toString hides it)
 * @param serverVersion the deployment's version
 * @param username the signed-in user
 */
public record SignedIn(ConnectConfig config, String serverVersion, String username) {}
