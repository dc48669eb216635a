// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.notify;

import java.util.Objects;

/**
 * One notification. Immutable.
 *
 * @param kind why it was raised
 * @param summary the title
 * @param body one or two sentences
 */
public record Notice(Kind kind, String summary, String body) {

  /** Why a notice was raised. */
  public enum Kind {
    /** CoderVPN went off without the user asking. */
    VPN_DROPPED,
    /** The deployment refused the stored session token. */
    SIGN_IN_EXPIRED,
    /** A running workspace stopped. */
    WORKSPACE_STOPPED
  }

  /** Validates. */
  public Notice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(body, "body");
  }
}
