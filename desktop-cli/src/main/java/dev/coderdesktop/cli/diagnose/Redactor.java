// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.diagnose;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text bound for a bug report: the known token itself, anything shaped like a
 * Coder session token ({@code 10 chars-22 chars}), values of token, password, key and cookie
 * settings and headers, and PEM private keys. Immutable; thread-safe.
 */
final class Redactor {

  static final String REMOVED = "[removed]";

  private static final List<Pattern> PATTERNS =
      List.of(
          Pattern.compile(
              "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----",
              Pattern.DOTALL),
          Pattern.compile("\\b[A-Za-z0-9]{10}-[A-Za-z0-9]{22}\\b"),
          Pattern.compile(
              "(?i)((?:session[_-]?token|api[_-]?token|token|password|passwd|secret|private[_-]?key"
                  + "|cookie|authorization|coder-session-token)\\s*[:=]\\s*)(\"?)[^\\s\",;]+"));

  private final String known;

  /**
   * @param known the stored token, removed wherever it appears (null or empty for none)
   */
  Redactor(String known) {
    this.known = known == null || known.isBlank() ? null : known;
  }

  /** {@code text} with every secret replaced by {@value #REMOVED}. */
  String clean(String text) {
    String t = known == null ? text : text.replace(known, REMOVED);
    t = PATTERNS.get(0).matcher(t).replaceAll(REMOVED);
    t = PATTERNS.get(1).matcher(t).replaceAll(REMOVED);
    Matcher m = PATTERNS.get(2).matcher(t);
    return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + REMOVED));
  }
}
