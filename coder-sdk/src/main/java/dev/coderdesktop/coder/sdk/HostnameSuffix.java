// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The DNS suffix a deployment gives its workspaces ({@code coder} unless it says otherwise),
 * checked before anything routes lookups to our resolver: a server must not be able to claim the
 * root, a top-level domain such as {@code com}, or another public suffix such as {@code co.uk},
 * which would send the machine's ordinary lookups through the tunnel. Immutable.
 *
 * @param value the suffix, lower case, without leading or trailing dots
 */
public record HostnameSuffix(String value) {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /** Why a suffix was refused. */
  public enum Problem {
    EMPTY,
    ROOT,
    SYNTAX,
    PUBLIC_SUFFIX
  }

  /** Validates what the server sent. */
  public static HostnameSuffix parse(String text) throws InvalidValueException {
    if (text == null || text.isEmpty()) {
      throw new InvalidValueException(
          Problem.EMPTY, "The deployment sent an empty hostname suffix.");
    }
    String s = text.toLowerCase(Locale.ROOT);
    if (s.chars().allMatch(c -> c == '.')) {
      throw refused(Problem.ROOT, text, "it is the DNS root");
    }
    if (s.startsWith(".")) {
      s = s.substring(1);
    }
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.length() > 253) {
      throw refused(Problem.SYNTAX, text, "it is longer than a DNS name may be");
    }
    for (String label : s.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw refused(Problem.SYNTAX, text, "it is not a dotted DNS name");
      }
    }
    if (PublicSuffixes.isPublicSuffix(s)) {
      throw refused(
          Problem.PUBLIC_SUFFIX, text, "it is a public domain suffix that real sites live under");
    }
    return new HostnameSuffix(s);
  }

  private static InvalidValueException refused(Problem problem, String text, String why) {
    String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    return new InvalidValueException(
        problem,
        "Refusing the deployment's hostname suffix \""
            + shown.replaceAll("\\p{Cntrl}", "?")
            + "\": "
            + why
            + ". Ask your Coder administrator to set a private suffix such as \"coder\".");
  }

  @Override
  public String toString() {
    return value;
  }
}
