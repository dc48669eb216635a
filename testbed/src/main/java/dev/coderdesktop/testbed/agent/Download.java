// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.agent;

import dev.coderdesktop.testbed.http.Exchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /bytes/<n>}: a download of {@code n} bytes (at most 8 GiB), streamed, for throughput
 * benchmarks and for tests that need a long-lived TCP connection through the tunnel. Stateless.
 */
final class Download {

  private static final long MAX = 8L << 30;
  private static final int CHUNK = 64 * 1024;

  private Download() {}

  /** Answers one request. */
  static void serve(Exchange ex) throws IOException {
    String tail = ex.path().substring("/bytes/".length());
    long n;
    try {
      n = Long.parseLong(tail);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0 || n > MAX) {
      ex.respond(
          400,
          "text/plain; charset=utf-8",
          ("want /bytes/<n> with 0 <= n <= " + MAX + "\n").getBytes(StandardCharsets.UTF_8));
      return;
    }
    ex.upgraded();
    OutputStream out = ex.output();
    out.write(
        ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + n
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    byte[] chunk = new byte[CHUNK];
    for (int i = 0; i < CHUNK; i++) {
      chunk[i] = (byte) i;
    }
    for (long left = n; left > 0; left -= CHUNK) {
      out.write(chunk, 0, (int) Math.min(CHUNK, left));
    }
    out.flush();
  }
}
