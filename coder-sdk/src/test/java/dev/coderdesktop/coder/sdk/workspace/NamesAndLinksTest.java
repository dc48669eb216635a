// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesAndLinksTest {

  @ParameterizedTest(name = "{0} names owner {1}, workspace {2}, agent {3}")
  @CsvSource({
    "dev, me, dev, ''",
    "alice/dev, alice, dev, ''",
    "dev.main, me, dev, main",
    "dev.coder, me, dev, ''",
    "DEV.coder., me, dev, ''",
    "main.dev.coder, me, dev, main",
    "main.dev.alice.coder, alice, dev, main",
    "main.dev.alice.corp, alice, dev, main",
  })
  void names(String text, String owner, String ws, String agent) {
    String suffix = text.endsWith(".corp") ? "corp" : "coder";
    WorkspaceName n = WorkspaceName.parse(text, suffix);
    assertEquals(owner, n.owner());
    assertEquals(ws, n.workspace());
    assertEquals(agent.isEmpty() ? Optional.empty() : Optional.of(agent), n.agent());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a.b.c.d.coder", "../etc", "ws with space", "dev?x=1"})
  @DisplayName("anything else is refused with a message")
  void badNames(String text) {
    assertThrows(IllegalArgumentException.class, () -> WorkspaceName.parse(text, "coder"));
  }

  @Test
  @DisplayName(
      "a coder:// RDP link as Coder's desktop apps take it; the password never in toString")
  void rdpLink() {
    CoderLink l =
        CoderLink.parse(
            "coder://coder.example.com/v0/open/ws/dev/agent/main/rdp?username=Admin%20U&password=s3cr%26t");
    assertEquals("dev", l.workspace());
    assertEquals("main", l.agent());
    assertEquals(Optional.of("Admin U"), l.username());
    assertEquals(Optional.of("s3cr&t"), l.password());
    assertTrue(l.isFor(URI.create("https://coder.example.com")));
    assertFalse(l.isFor(URI.create("https://other.example.com")));
    assertFalse(l.toString().contains("s3cr"));
    assertEquals("rdp://Admin%20U@main.dev.coder:3389", l.rdpUrl("main.dev.coder"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://coder.example.com/v0/open/ws/dev/agent/main/rdp",
        "coder:///v0/open/ws/dev/agent/main/rdp",
        "coder://c.example.com/v0/open/ws/dev/agent/main",
        "coder://c.example.com/v1/open/ws/dev/agent/main/rdp",
        "coder://c.example.com/v0/open/ws/dev/agent/main/vnc",
        "coder://c.example.com/v0/open/ws//agent/main/rdp",
        "coder://c example"
      })
  @DisplayName("other links are refused with a reason")
  void badLinks(String text) {
    assertThrows(IllegalArgumentException.class, () -> CoderLink.parse(text));
  }
}
