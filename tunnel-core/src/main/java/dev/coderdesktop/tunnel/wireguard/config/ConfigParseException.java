// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.config;

import java.util.Locale;

/**
 * A WireGuard configuration text could not be parsed. Carries where (section, field, line) and why,
 * plus the offending text unless it was a key (keys are never echoed).
 */
public final class ConfigParseException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The section of the configuration. */
  public enum Section {
    INTERFACE,
    PEER,
    NONE
  }

  /** The field being parsed. */
  public enum Field {
    PRIVATE_KEY,
    LISTEN_PORT,
    ADDRESS,
    PUBLIC_KEY,
    PRESHARED_KEY,
    ALLOWED_IPS,
    ENDPOINT,
    PERSISTENT_KEEPALIVE,
    SECTION_HEADER,
    UNKNOWN
  }

  /** What was wrong. */
  public enum Reason {
    INVALID_KEY,
    INVALID_NUMBER,
    INVALID_VALUE,
    MISSING_FIELD,
    UNKNOWN_FIELD,
    UNKNOWN_SECTION,
    DUPLICATE_PEER,
    SYNTAX
  }

  private final Section section;
  private final Field field;
  private final Reason reason;
  private final int line;
  private final String text;

  /**
   * Creates the exception. The text is dropped when the field is secret or when it mentions a
   * secret field (a malformed line such as {@code PrivateKey: <key>} or two lines run together), so
   * no key can reach a message whatever the caller passes.
   */
  public ConfigParseException(Section section, Field field, Reason reason, int line, String text) {
    super(
        reason
            + " in "
            + section
            + (field == Field.UNKNOWN ? "" : " " + field)
            + (line > 0 ? " at line " + line : "")
            + (safeText(field, text) == null ? "" : ": " + safeText(field, text)));
    this.section = section;
    this.field = field;
    this.reason = reason;
    this.line = line;
    this.text = safeText(field, text);
  }

  private static String safeText(Field f, String text) {
    if (text == null || f == Field.PRIVATE_KEY || f == Field.PRESHARED_KEY) {
      return null;
    }
    String letters = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    return letters.contains("privatekey") || letters.contains("presharedkey") ? null : text;
  }

  /** The section. */
  public Section section() {
    return section;
  }

  /** The field. */
  public Field field() {
    return field;
  }

  /** The reason. */
  public Reason reason() {
    return reason;
  }

  /** The 1-based line, or 0 when not tied to a line. */
  public int line() {
    return line;
  }

  /** The offending text, or null when it was secret or absent. */
  public String text() {
    return text;
  }
}
