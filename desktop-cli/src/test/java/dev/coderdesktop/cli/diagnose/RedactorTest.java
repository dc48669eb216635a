// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "start with my-known-secret-value ok | start with [removed] ok",
        "token AbCdEfGhIj-0123456789abcdefghijkl used | token [removed] used",
        "Coder-Session-Token: abc.def | Coder-Session-Token: [removed]",
        "api_token=\"xyz\" url=https://c | api_token=\"[removed]\" url=https://c",
        "password = hunter2 | password = [removed]",
        "nothing hidden: dev.coder fd60::1 | nothing hidden: dev.coder fd60::1",
      })
  void removes(String in, String want) {
    assertEquals(want, new Redactor("my-known-secret-value").clean(in));
  }

  @org.junit.jupiter.api.Test
  void privateKeys() {
    String pem =
        "a\n-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\nBBBB\n-----END OPENSSH PRIVATE KEY-----\nb";
    String out = new Redactor(null).clean(pem);
    assertFalse(out.contains("AAAA"), out);
    assertEquals("a\n[removed]\nb", out);
  }
}
