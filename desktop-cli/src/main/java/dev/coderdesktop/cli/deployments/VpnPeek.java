// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.deployments;

import dev.coderdesktop.cli.CoderDesktopCli;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.vpn.proto.ServiceClient;
import dev.coderdesktop.vpn.proto.wire.Status;
import java.io.IOException;
import java.util.Optional;

/**
 * The service's status when it can be had, for commands that work without the service (listing and
 * switching sign-ins) and only mention CoderVPN when it runs. Stateless.
 */
final class VpnPeek {

  private VpnPeek() {}

  /** The status, or empty when the service is not running or not reachable. */
  static Optional<Status> status(CoderDesktopCli root) {
    try (ServiceClient c = root.connect()) {
      return Optional.of(c.status());
    } catch (UserError | IOException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code s} says CoderVPN is on or on its way. */
  static boolean on(Status s) {
    return s.getLifecycle() == Status.Lifecycle.STARTED
        || s.getLifecycle() == Status.Lifecycle.STARTING;
  }
}
