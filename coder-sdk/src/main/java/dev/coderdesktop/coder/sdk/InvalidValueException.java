// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

/**
 * A value from outside that its parser refused: a deployment URL the user typed ({@link
 * DeploymentUrl#parse}), a hostname suffix a deployment sent ({@link HostnameSuffix#parse}). The
 * message is fit for the user; {@link #problem()} names what was wrong in the parser's own terms.
 */
public final class InvalidValueException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Enum<?> problem;

  InvalidValueException(Enum<?> problem, String message) {
    super(message);
    this.problem = problem;
  }

  /** What was wrong: a {@link DeploymentUrl.Problem} or a {@link HostnameSuffix.Problem}. */
  public Enum<?> problem() {
    return problem;
  }
}
