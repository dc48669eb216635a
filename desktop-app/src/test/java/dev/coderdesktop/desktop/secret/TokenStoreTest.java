// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.secret;

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

  @Test
  @DisplayName("the file store writes a 0600 file the CLI can read, and clears it")
  void file() throws Exception {
    Path f = dir.resolve("coder-desktop/credentials");
    FileTokenStore s = new FileTokenStore(f);
    assertEquals(Optional.empty(), s.load());
    s.save(signIn());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    assertEquals(signIn(), s.load().orElseThrow());
    assertEquals("https://coder.example.com", dev.coderdesktop.coder.sdk.Credentials.load(f).url());
    s.clear();
    assertFalse(Files.exists(f));
  }

  @Test
  @DisplayName("a sign-in never shows its token in toString")
  void hidden() throws Exception {
    assertFalse(signIn().toString().contains(TOKEN));
  }

  /**
   * A fake secret-tool that keeps one item in a file, printing "search" output in libsecret's
   * format; it records its command lines so we can check the token never appears on one.
   */
  private Path fakeSecretTool() throws Exception {
    Path tool = dir.resolve("secret-tool");
    Files.writeString(
        tool,
        String.join(
            "\n",
            "#!/bin/sh",
            "echo \"$*\" >> '" + dir.resolve("argv.log") + "'",
            "item='" + dir.resolve("item") + "'",
            "case \"$1\" in",
            "  store) url=\"$6\"; secret=$(cat); printf '%s\\n%s\\n' \"$url\" \"$secret\" > \"$item\";;",
            "  clear) rm -f \"$item\";;",
            "  search) [ -f \"$item\" ] || exit 1;",
            "    echo '[/org/freedesktop/secrets/collection/login/1]'; echo 'label = Coder Desktop';",
            "    echo \"secret = $(sed -n 2p \"$item\")\"; echo 'attribute.service = coder-desktop';",
            "    echo \"attribute.url = $(sed -n 1p \"$item\")\";;",
            "esac",
            ""));
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
    return tool;
  }

  @Test
  @DisplayName("secret-tool stores the token on stdin, reads it back and clears it")
  void secretTool() throws Exception {
    SecretToolStore s = new SecretToolStore(fakeSecretTool());
    assertEquals(Optional.empty(), s.load());
    s.save(signIn());
    assertEquals(signIn(), s.load().orElseThrow());
    s.clear();
    assertEquals(Optional.empty(), s.load());
    String argv = Files.readString(dir.resolve("argv.log"));
    assertTrue(argv.contains("store"), argv);
    assertFalse(argv.contains(TOKEN), "the token reached a command line: " + argv);
  }

  @Test
  @DisplayName("without secret-tool or a session bus the store is the 0600 file")
  void choose() throws Exception {
    Path f = dir.resolve("credentials");
    assertInstanceOf(
        FileTokenStore.class,
        TokenStores.choose(Map.of("PATH", dir.resolve("none").toString()), f));
    Path bin = fakeSecretTool().getParent();
    assertInstanceOf(FileTokenStore.class, TokenStores.choose(Map.of("PATH", bin.toString()), f));
    assertInstanceOf(
        SecretToolStore.class,
        TokenStores.choose(
            Map.of("PATH", bin.toString(), "DBUS_SESSION_BUS_ADDRESS", "unix:path=/x"), f));
  }
}
