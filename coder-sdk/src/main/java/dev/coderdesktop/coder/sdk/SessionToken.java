// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A Coder session token. Immutable; {@link #toString()} never shows it, equality is constant-time,
 * and {@link #reveal()} is the one way out (for the request header and secure storage only).
 */
public final class SessionToken {

  private final String value;

  private SessionToken(String value) {
    this.value = value;
  }

  /**
   * Wraps a token as the user pasted it, trimmed; rejects empty input and inner whitespace or
   * control characters (which no Coder token has, and which would break the header).
   */
  public static SessionToken of(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("the session token is empty");
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        // Coder's tokens are ASCII; anything else is a paste accident (a zero-width space), and
        // an HTTP client would refuse it with the value in its message.
        throw new IllegalArgumentException(
            "the session token contains spaces, control or non-ASCII characters");
      }
    }
    return new SessionToken(t);
  }

  /** The token itself: only for the Coder-Session-Token header and secure storage. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionToken t
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), t.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.length();
  }

  @Override
  public String toString() {
    return "SessionToken(hidden)";
  }
}
