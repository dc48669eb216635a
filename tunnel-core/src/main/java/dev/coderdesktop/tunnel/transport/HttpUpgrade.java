// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP/1.1 head of an upgrade (DERP or websocket), read byte by byte so that nothing after the
 * blank line is consumed: the upgraded stream starts right there. Immutable.
 *
 * @param startLine the request or status line
 * @param headers header names in lower case
 */
public record HttpUpgrade(String startLine, Map<String, String> headers) {

  private static final int MAX_HEAD = 16 << 10;

  /** Reads a request or response head up to and including the blank line. */
  public static HttpUpgrade read(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    String start = null;
    Map<String, String> headers = new LinkedHashMap<>();
    int total = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new ProtocolException("connection closed during the HTTP upgrade");
      }
      if (++total > MAX_HEAD) {
        throw new ProtocolException("HTTP head too large");
      }
      if (b != '\n') {
        line.write(b);
        continue;
      }
      String l = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
      line.reset();
      if (start == null) {
        start = l;
      } else if (l.isEmpty()) {
        return new HttpUpgrade(start, headers);
      } else {
        int colon = l.indexOf(':');
        if (colon <= 0) {
          throw new ProtocolException("malformed HTTP header line");
        }
        headers.put(
            l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
      }
    }
  }

  /** A header value, or null (name case-insensitive). */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The status code of a response head, or -1. */
  public int status() {
    String[] parts = startLine.split(" ");
    try {
      return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
