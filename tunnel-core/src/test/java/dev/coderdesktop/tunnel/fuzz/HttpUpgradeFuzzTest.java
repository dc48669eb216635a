// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coderdesktop.tunnel.transport.HttpUpgrade;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated replies to an HTTP upgrade (DERP's and the websocket's, refusals, a proxy's page) through
 * the head reader: it returns a head or throws an IOException, never reads past the blank line, and
 * never takes more than its 16 KiB limit.
 */
@Timeout(120)
class HttpUpgradeFuzzTest {

  private static final String[] SEEDS = {
    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: DERP\r\nConnection: Upgrade\r\n"
        + "Derp-Version: 2\r\nDerp-Public-Key: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\r\n\r\n",
    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: derp\r\n\r\n",
    "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nforbidden",
    "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n{\"message\":\"x\"}",
    "HTTP/1.0 502 Bad Gateway\nServer: proxy\n\n<html>" + "x".repeat(4000) + "</html>",
  };

  @Test
  @DisplayName("mutated upgrade replies give a head or an IOException, and nothing past the head")
  void replies() {
    Mutator m = new Mutator(0x4774_7055L);
    int heads = 0;
    byte[][] seeds = new byte[SEEDS.length + 1][];
    for (int i = 0; i < SEEDS.length; i++) {
      seeds[i] = SEEDS[i].getBytes(StandardCharsets.ISO_8859_1);
    }
    // A head at the size limit: many headers, as a proxy might add.
    StringBuilder big = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n");
    while (big.length() < 16_000) {
      big.append("X-Trace-")
          .append(big.length())
          .append(": ")
          .append("v".repeat(40))
          .append("\r\n");
    }
    seeds[SEEDS.length] = big.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < Mutator.iterations(); i++) {
      // The head at the size limit one time in 100; the others are replies of everyday size.
      byte[] input =
          m.mutate(
              seeds[
                  m.random().nextInt(100) == 0 ? SEEDS.length : m.random().nextInt(SEEDS.length)]);
      ByteArrayInputStream in = new ByteArrayInputStream(input);
      try {
        HttpUpgrade h = HttpUpgrade.read(in);
        h.status();
        h.header("upgrade");
        heads++;
        int consumed = input.length - in.available();
        assertTrue(consumed <= 16 << 10, "read " + consumed + " bytes of head");
        assertEquals(
            '\n', input[consumed - 1], "the head ends at a line end: nothing after it read");
      } catch (IOException expected) {
        // Refused: the dialer reports it and backs off.
      } catch (RuntimeException e) {
        fail(
            "input " + i + " threw " + e + ": " + new String(input, StandardCharsets.ISO_8859_1),
            e);
      }
    }
    assertTrue(heads > Mutator.iterations() / 4, "most mutated replies still parse: " + heads);
  }
}
