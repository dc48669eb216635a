// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain http:// is accepted for this machine only, unless the user allows it explicitly. */
class InsecureUrlTest {

  @ParameterizedTest(name = "{0} is refused without the insecure option")
  @ValueSource(
      strings = {
        "http://coder.example.com",
        "http://10.0.0.5:3000",
        "http://[fd00::1]:8080",
        "http://127.evil.example.com",
        "http://localhost.example.com"
      })
  void refused(String url) throws Exception {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> DeploymentUrl.parse(url, false));
    assertEquals(DeploymentUrl.Problem.INSECURE, e.problem());
    assertTrue(e.getMessage().contains("--allow-insecure-http"), e.getMessage());
    assertTrue(e.getMessage().contains("unencrypted"), e.getMessage());
    // The explicit option lets it through, unchanged.
    assertEquals(DeploymentUrl.parse(url), DeploymentUrl.parse(url, true));
  }

  @ParameterizedTest(name = "{0} is accepted")
  @ValueSource(
      strings = {
        "https://coder.example.com",
        "coder.example.com",
        "http://localhost:3000",
        "http://127.0.0.1:3000",
        "http://127.1.2.3",
        "http://[::1]:3000",
        "http://app.localhost"
      })
  void accepted(String url) throws Exception {
    assertEquals(DeploymentUrl.parse(url), DeploymentUrl.parse(url, false));
  }

  @Test
  @DisplayName("loopback is decided from the literal host, without a lookup")
  void loopback() throws Exception {
    assertTrue(DeploymentUrl.parse("http://[::1]").isLoopback());
    assertTrue(DeploymentUrl.parse("http://127.0.0.1").isPlainHttp());
    assertTrue(!DeploymentUrl.parse("https://coder.example.com").isPlainHttp());
  }
}
