// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.coder.sdk.net.Connectivity;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The service refuses a plain http:// deployment on another machine without the user's consent. */
class InsecureUrlSignInTest {

  private static final String TOKEN = "abcdefghij-0123456789abcdefghijkl";

  @Test
  @DisplayName("a Start for http:// to another machine is refused before any request, saying why")
  void refused() {
    SignInException e =
        assertThrows(
            SignInException.class,
            () ->
                DeploymentSignIn.signIn(
                    new Session.StartParams("http://192.0.2.7:3000", TOKEN, Map.of()),
                    Connectivity.defaults()));
    assertEquals(SignInException.Kind.REFUSED, e.kind());
    assertTrue(e.getMessage().contains("unencrypted"), e.getMessage());
    assertTrue(e.getMessage().contains("--allow-insecure-http"), e.getMessage());
    assertTrue(!e.getMessage().contains(TOKEN), "the token never reaches a message");
  }

  @Test
  @DisplayName("the consent survives in the session record, so a restored session is not refused")
  void restored(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    Session.StartParams p =
        new Session.StartParams("http://10.1.2.3:3000", TOKEN, Map.of(), false, true);
    StateFile f = new StateFile(dir.resolve("state"));
    f.save(p);
    assertEquals(java.util.Optional.of(p), f.load());
    assertTrue(f.load().orElseThrow().allowInsecureHttp());
  }
}
