// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.signin;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import java.util.Objects;

/**
 * A checked sign-in: the deployment and the session token accepted by it. Immutable; {@link
 * #toString()} never shows the token.
 *
 * @param url the deployment
 * @param token the session token
 */
public record SignIn(DeploymentUrl url, SessionToken token) {

  /** Validates. */
  public SignIn {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(token, "token");
  }

  @Override
  public String toString() {
    return "SignIn[" + url + "]";
  }
}
