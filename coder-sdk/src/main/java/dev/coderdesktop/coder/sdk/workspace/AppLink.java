// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import java.util.Objects;

/**
 * One thing to open for an agent: a template app or a built-in. Immutable; never holds the session
 * token (an external app that wants one keeps Coder's {@code $SESSION_TOKEN} placeholder, which
 * {@link #withToken(String)} fills in only at the moment of opening).
 *
 * @param kind what it is, and so how it opens
 * @param slug the app's slug (built-ins start with a hyphen, which no app slug can)
 * @param label what the user sees
 * @param target a URL for every kind but {@link Kind#TERMINAL}, whose target is the host to ssh to
 */
public record AppLink(Kind kind, String slug, String label, String target) {

  /** Coder's placeholder for a session token in external app URLs. */
  public static final String TOKEN_PLACEHOLDER = "$SESSION_TOKEN";

  /** How a link opens. */
  public enum Kind {
    /** A web app through the deployment (path-based or on its own subdomain): the browser. */
    WEB,
    /** An external app's own URL ({@code vscode://}, {@code jetbrains-gateway://}, ...). */
    EXTERNAL,
    /** VS Code Desktop through the Coder extension's {@code vscode://coder.coder-remote} URL. */
    VSCODE,
    /** A terminal window running {@code ssh <host>}. */
    TERMINAL
  }

  /** Validates. */
  public AppLink {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(target, "target");
  }

  /** Whether opening it needs the session token put in. */
  public boolean needsToken() {
    return kind == Kind.EXTERNAL && target.contains(TOKEN_PLACEHOLDER);
  }

  /** The target with the token in place of the placeholder; only pass it to the opener. */
  public String withToken(String token) {
    return needsToken() ? target.replace(TOKEN_PLACEHOLDER, token) : target;
  }
}
