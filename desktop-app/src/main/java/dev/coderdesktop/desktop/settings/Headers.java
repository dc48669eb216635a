// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.settings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Parses the extra-headers text of the settings window. Stateless. */
public final class Headers {

  private static final Set<String> RESERVED =
      Set.of("coder-session-token", "host", "content-length", "connection", "upgrade");

  private Headers() {}

  /**
   * One {@code Name: Value} per line; blank lines are skipped; values are literal (no variable
   * expansion, unlike Coder's header command).
   */
  public static Map<String, String> parse(String text) throws HeaderException {
    Map<String, String> out = new LinkedHashMap<>();
    String[] lines = text == null ? new String[0] : text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty()) {
        continue;
      }
      int colon = l.indexOf(':');
      if (colon <= 0) {
        throw new HeaderException(
            i + 1, HeaderException.Reason.NO_COLON, "write headers as Name: Value");
      }
      String name = l.substring(0, colon).strip();
      String value = l.substring(colon + 1).strip();
      if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw new HeaderException(
            i + 1, HeaderException.Reason.BAD_NAME, "\"" + name + "\" is not a header name");
      }
      if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new HeaderException(
            i + 1, HeaderException.Reason.RESERVED, name + " is set by Coder Desktop itself");
      }
      if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
        throw new HeaderException(
            i + 1, HeaderException.Reason.BAD_VALUE, "the value has control characters");
      }
      out.put(name, value);
    }
    return out;
  }
}
