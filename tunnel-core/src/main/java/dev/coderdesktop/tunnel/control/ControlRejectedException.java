// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import java.io.IOException;

/**
 * The server refused the tailnet websocket before upgrading: a bad token (401), an unsupported
 * version (400), no permission (403) and so on. {@link #status()} says which.
 */
public final class ControlRejectedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** Creates the exception; {@code message} must not contain the session token. */
  public ControlRejectedException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status of the refusal. */
  public int status() {
    return status;
  }

  /**
   * Whether the deployment refused who we are (401) or what we may do (403): only signing in again
   * helps, so the client stops and says so.
   */
  public boolean isSignInRejected() {
    return status == 401 || status == 403;
  }

  /** Whether redialling cannot help (the Go client treats these as permanent). */
  public boolean isPermanent() {
    return status == 400 || status == 401 || status == 403 || status == 404 || status == 409;
  }
}
