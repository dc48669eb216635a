// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.state;

import java.util.Objects;

/**
 * A state with its human detail (progress text, warning or error; empty when there is none).
 * Immutable.
 *
 * @param state the state
 * @param detail text shown under the toggle
 */
public record AppStatus(AppState state, String detail) {

  /** Validates. */
  public AppStatus {
    Objects.requireNonNull(state, "state");
    detail = detail == null ? "" : detail;
  }

  /** A state without detail. */
  public static AppStatus of(AppState state) {
    return new AppStatus(state, "");
  }
}
