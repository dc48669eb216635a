// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

  private static final String TOKEN = "abcDEF123-secretpart";

  @TempDir Path dir;

  private static SignIn signIn() throws Exception {
    return new SignIn(DeploymentUrl.parse("https://coder.example.com"), SessionToken.of(TOKEN));
  }

  private SignInFiles files() {
    return SignInFiles.under(dir.resolve("config"));
  }

  @Test
  @DisplayName("the file store writes a 0600 file the CLI can read, and clears it")
  void file() throws Exception {
    Path f = files().credentials();
    FileTokenStore s = new FileTokenStore(f);
    assertEquals(Optional.empty(), s.load());
    s.save(signIn());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    assertEquals(signIn(), s.load().orElseThrow());
    assertTrue(Files.readString(f).contains("current=https\\://coder.example.com"));
    s.clear();
    assertFalse(Files.exists(f));
  }

  @Test
  @DisplayName("a sign-in never shows its token in toString")
  void hidden() throws Exception {
    assertFalse(signIn().toString().contains(TOKEN));
  }

  private Path fakeSecretTool() throws Exception {
    return FakeSecretTool.install(dir);
  }

  @Test
  @DisplayName(
      "secret-tool: the token goes in on stdin, the URL into the settings file, and both read back")
  void secretTool() throws Exception {
    Files.createDirectories(files().settings().getParent());
    Files.writeString(files().settings(), "startOnLogin=true\n");
    new FileTokenStore(files().credentials()).save(signIn());
    SecretToolStore s = new SecretToolStore(fakeSecretTool(), Map.of(), files());
    assertEquals(Optional.empty(), s.load());
    s.save(signIn());
    assertEquals(signIn(), s.load().orElseThrow());
    assertFalse(Files.exists(files().credentials()), "no token left in the plain file");
    String settings = Files.readString(files().settings());
    assertTrue(settings.contains("url=https\\://coder.example.com"), settings);
    assertTrue(settings.contains("startOnLogin=true"), "other settings are kept: " + settings);
    assertFalse(settings.contains(TOKEN), "the token is not in the settings file");
    s.clear();
    assertEquals(Optional.empty(), s.load());
    assertFalse(Files.readString(files().settings()).contains("url="));
    String argv = Files.readString(dir.resolve("argv.log"));
    assertTrue(argv.contains("store"), argv);
    assertFalse(argv.contains(TOKEN), "the token reached a command line: " + argv);
  }

  @Test
  @DisplayName("without secret-tool or a session bus, or when told, the store is the 0600 file")
  void choose() throws Exception {
    assertInstanceOf(
        FileTokenStore.class,
        TokenStores.choose(Map.of("PATH", dir.resolve("none").toString()), files()));
    Path bin = fakeSecretTool().getParent();
    assertInstanceOf(
        FileTokenStore.class, TokenStores.choose(Map.of("PATH", bin.toString()), files()));
    Map<String, String> session =
        Map.of("PATH", bin.toString(), "DBUS_SESSION_BUS_ADDRESS", "unix:path=/x");
    assertInstanceOf(SecretToolStore.class, TokenStores.choose(session, files()));
    Map<String, String> forced = new java.util.HashMap<>(session);
    forced.put("CODER_DESKTOP_TOKEN_STORE", "file");
    assertInstanceOf(FileTokenStore.class, TokenStores.choose(forced, files()));
  }
}
