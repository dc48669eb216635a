// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import java.util.Objects;

/**
 * Why the engine gave up for good. Immutable. The message is for the user and holds no secret.
 *
 * @param reason what went wrong, for the owner to decide what to show
 * @param message a sentence for the user
 */
public record EngineFailure(Reason reason, String message) {

  /** The kinds of final failure. */
  public enum Reason {
    /**
     * The deployment refused the session token (401) or its use (403): revoked, expired, or the
     * user lost access. Retrying cannot help; the user has to sign in again.
     */
    SIGN_IN_REQUIRED
  }

  /** Validates. */
  public EngineFailure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}
