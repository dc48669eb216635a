// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.config;

/**
 * A WireGuard configuration that cannot be used. It names where the problem is ({@link Section},
 * {@link Field}, line) and what it is ({@link Reason}) so a user interface can word the message,
 * and carries the offending text except for private and pre-shared keys, whose text never appears.
 */
public final class ConfigParseException extends Exception {

  private static final long serialVersionUID = 1L;

  /** The section of the file. */
  public enum Section {
    /** Before any section header. */
    NONE,
    /** {@code [Interface]}. */
    INTERFACE,
    /** {@code [Peer]}. */
    PEER
  }

  /** The field concerned, {@link #NONE} for a section-level or syntax problem. */
  public enum Field {
    NONE,
    PRIVATE_KEY,
    LISTEN_PORT,
    ADDRESS,
    PUBLIC_KEY,
    PRESHARED_KEY,
    ALLOWED_IPS,
    ENDPOINT,
    PERSISTENT_KEEPALIVE;

    /** Whether this field holds a secret whose text must not be repeated. */
    public boolean isSecret() {
      return this == PRIVATE_KEY || this == PRESHARED_KEY;
    }
  }

  /** What is wrong. */
  public enum Reason {
    /** A line is neither a section header, a {@code key = value} pair, a comment nor blank. */
    SYNTAX,
    /** A section header other than {@code [Interface]} or {@code [Peer]}. */
    UNKNOWN_SECTION,
    /** A key not known in its section. */
    UNKNOWN_FIELD,
    /** A field before any section header. */
    FIELD_OUTSIDE_SECTION,
    /** A single-valued field given twice in one section. */
    DUPLICATE_FIELD,
    /** A required field or section is absent. */
    MISSING,
    /** A key that is not 32 bytes of base64. */
    INVALID_KEY,
    /** An address or CIDR prefix that does not parse. */
    INVALID_PREFIX,
    /** An endpoint that is not {@code host:port} or {@code [v6]:port}. */
    INVALID_ENDPOINT,
    /** A number that does not parse or is out of range. */
    INVALID_NUMBER,
    /** Two peers with the same public key. */
    DUPLICATE_PEER
  }

  private final Section section;
  private final Field field;
  private final Reason reason;
  private final int line;
  private final String text;

  /** {@code text} is dropped when {@code field} is secret. */
  public ConfigParseException(Section section, Field field, Reason reason, int line, String text) {
    super(message(section, field, reason, line, field.isSecret() ? null : text));
    this.section = section;
    this.field = field;
    this.reason = reason;
    this.line = line;
    this.text = field.isSecret() ? null : text;
  }

  private static String message(Section s, Field f, Reason r, int line, String text) {
    StringBuilder b = new StringBuilder().append(r).append(" in ").append(s);
    if (f != Field.NONE) {
      b.append(' ').append(f);
    }
    if (line > 0) {
      b.append(" at line ").append(line);
    }
    if (text != null) {
      b.append(": '").append(text).append('\'');
    }
    return b.toString();
  }

  /** Where the problem is. */
  public Section section() {
    return section;
  }

  /** Which field; {@link Field#NONE} for section or syntax problems. */
  public Field field() {
    return field;
  }

  /** What is wrong. */
  public Reason reason() {
    return reason;
  }

  /** One-based line number, or 0 when the problem is not on one line. */
  public int line() {
    return line;
  }

  /** The offending text, or {@code null} when there is none or the field is secret. */
  public String text() {
    return text;
  }
}
