// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameSuffixTest {

  @ParameterizedTest(name = "\"{0}\" is accepted as \"{1}\"")
  @CsvSource({
    "coder, coder",
    "CODER., coder",
    "ws.corp.example.com, ws.corp.example.com",
    "dev-env, dev-env",
    ".coder, coder",
    "example.co.uk, example.co.uk"
  })
  void accepted(String in, String out) throws Exception {
    assertEquals(out, HostnameSuffix.parse(in).value());
  }

  @ParameterizedTest(name = "\"{0}\" is refused: {1}")
  @CsvSource({
    "., ROOT",
    "'..', ROOT",
    "com, PUBLIC_SUFFIX",
    "COM., PUBLIC_SUFFIX",
    "co.uk, PUBLIC_SUFFIX",
    "io, PUBLIC_SUFFIX",
    "dev, PUBLIC_SUFFIX",
    "github.io, PUBLIC_SUFFIX",
    "a..b, SYNTAX",
    "-bad, SYNTAX",
    "bad-, SYNTAX",
    "sp ace, SYNTAX",
    "under_score, SYNTAX",
    "'x;rm -rf /', SYNTAX"
  })
  void refused(String in, HostnameSuffix.Problem problem) {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> HostnameSuffix.parse(in));
    assertEquals(problem, e.problem());
    assertTrue(e.getMessage().contains("suffix"), e.getMessage());
  }

  @Test
  @DisplayName("an empty suffix and an over-long one are refused")
  void emptyAndLong() {
    assertEquals(
        HostnameSuffix.Problem.EMPTY,
        assertThrows(InvalidValueException.class, () -> HostnameSuffix.parse("")).problem());
    String longName = ("a".repeat(60) + ".").repeat(5) + "coder";
    assertEquals(
        HostnameSuffix.Problem.SYNTAX,
        assertThrows(InvalidValueException.class, () -> HostnameSuffix.parse(longName)).problem());
    assertThrows(InvalidValueException.class, () -> HostnameSuffix.parse("a".repeat(64)));
  }
}
