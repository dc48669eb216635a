// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the user typed to name a workspace or one of its agents: {@code ws}, {@code owner/ws},
 * {@code ws.agent} (Coder's CLI form), or a Coder Connect hostname ({@code ws.coder}, {@code
 * agent.ws.coder}, {@code agent.ws.owner.coder}, with the deployment's suffix). Immutable.
 *
 * @param owner the owner's user name, or {@code me}
 * @param workspace the workspace name
 * @param agent the agent's name, if one was named
 */
public record WorkspaceName(String owner, String workspace, Optional<String> agent) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** Validates every part. */
  public WorkspaceName {
    check(owner, "owner");
    check(workspace, "workspace");
    agent.ifPresent(a -> check(a, "agent"));
  }

  private static void check(String part, String what) {
    if (!NAME.matcher(part).matches()) {
      throw new IllegalArgumentException("'" + part + "' is not a valid " + what + " name");
    }
  }

  /**
   * Reads {@code text}; {@code suffix} (e.g. {@code coder}) marks a Coder Connect hostname.
   *
   * @throws IllegalArgumentException with a message for the user when it names nothing valid
   */
  public static WorkspaceName parse(String text, String suffix) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1);
    }
    String dotted = "." + suffix.toLowerCase(Locale.ROOT);
    if (t.endsWith(dotted)) {
      String[] labels = t.substring(0, t.length() - dotted.length()).split("\\.", -1);
      return switch (labels.length) {
        case 1 -> new WorkspaceName("me", labels[0], Optional.empty());
        case 2 -> new WorkspaceName("me", labels[1], Optional.of(labels[0]));
        case 3 -> new WorkspaceName(labels[2], labels[1], Optional.of(labels[0]));
        default -> throw new IllegalArgumentException(text + " is not a workspace hostname");
      };
    }
    String owner = "me";
    int slash = t.indexOf('/');
    if (slash >= 0) {
      owner = t.substring(0, slash);
      t = t.substring(slash + 1);
    }
    int dot = t.indexOf('.');
    if (dot >= 0) {
      return new WorkspaceName(owner, t.substring(0, dot), Optional.of(t.substring(dot + 1)));
    }
    return new WorkspaceName(owner, t, Optional.empty());
  }

  @Override
  public String toString() {
    return (owner.equals("me") ? "" : owner + "/") + workspace + agent.map(a -> "." + a).orElse("");
  }
}
