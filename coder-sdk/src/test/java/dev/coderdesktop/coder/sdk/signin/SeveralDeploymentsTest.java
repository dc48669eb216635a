// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-ins to several deployments: the index, both stores, and the stores written before. */
class SeveralDeploymentsTest {

  private static final String TOKEN_A = "tokenA-0123456789abcdef";
  private static final String TOKEN_B = "tokenB-fedcba9876543210";

  @TempDir Path dir;

  private static DeploymentUrl url(String text) throws Exception {
    return DeploymentUrl.parse(text);
  }

  private static SignIn a() throws Exception {
    return new SignIn(url("https://a.example.com"), SessionToken.of(TOKEN_A));
  }

  private static SignIn b() throws Exception {
    return new SignIn(url("http://10.0.0.2:3000"), SessionToken.of(TOKEN_B));
  }

  private SignInFiles files() {
    return SignInFiles.under(dir.resolve("config"));
  }

  @Nested
  @DisplayName("the index")
  class Index {

    @Test
    @DisplayName("adding makes current, using switches, removing the current picks the first left")
    void moves() throws Exception {
      SignInIndex i = SignInIndex.EMPTY.adding(a().url()).adding(b().url());
      assertEquals(List.of(a().url(), b().url()), i.deployments());
      assertEquals(Optional.of(b().url()), i.current());
      assertEquals(Optional.of(a().url()), i.using(a().url()).current());
      assertEquals(i.deployments(), i.adding(a().url()).deployments(), "no duplicate");
      assertEquals(Optional.of(a().url()), i.without(b().url()).current());
      assertEquals(Optional.of(b().url()), i.without(a().url()).current(), "current stays");
      assertEquals(SignInIndex.EMPTY, i.without(a().url()).without(b().url()));
      assertThrows(IllegalArgumentException.class, () -> i.using(url("https://c.example.com")));
    }

    @Test
    @DisplayName("reads the old single-deployment form and drops unreadable entries")
    void read() throws Exception {
      assertEquals(
          new SignInIndex(Optional.of(a().url()), List.of(a().url())),
          SignInIndex.read("https://a.example.com", null));
      assertEquals(
          new SignInIndex(Optional.empty(), List.of(a().url())),
          SignInIndex.read("https://elsewhere.example.com", "https://a.example.com ftp://x"));
      assertEquals(SignInIndex.EMPTY, SignInIndex.read(null, null));
    }
  }

  @Nested
  @DisplayName("the 0600 file")
  class File {

    @Test
    @DisplayName("keeps a token per deployment, switches, and forgets one at a time")
    void several() throws Exception {
      Path f = files().credentials();
      FileTokenStore s = new FileTokenStore(f);
      s.save(a());
      s.save(b());
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
      assertEquals(Optional.of(b()), s.load());
      assertEquals(Optional.of(a()), s.load(a().url()));
      s.use(a().url());
      assertEquals(Optional.of(a()), s.load());
      SignIn renewed = new SignIn(b().url(), SessionToken.of("tokenB-renewed-000000"));
      s.save(renewed);
      assertEquals(Optional.of(renewed), s.load(), "a new token for the same deployment replaces");
      assertEquals(2, s.index().deployments().size());
      s.remove(b().url());
      assertEquals(Optional.of(a()), s.load());
      assertEquals(Optional.empty(), s.load(b().url()));
      s.remove(a().url());
      assertFalse(Files.exists(f), "nothing signed in, no file");
    }

    @Test
    @DisplayName("a file from the single-deployment release reads as that deployment, current")
    void migrates() throws Exception {
      Path f = files().credentials();
      Files.createDirectories(f.getParent());
      Files.writeString(f, "#Coder Desktop sign-in\nurl=https\\://a.example.com\ntoken=" + TOKEN_A);
      FileTokenStore s = new FileTokenStore(f);
      assertEquals(Optional.of(a()), s.load());
      s.save(b());
      assertEquals(List.of(a().url(), b().url()), s.index().deployments());
      assertEquals(Optional.of(a()), s.load(a().url()), "the old sign-in survives the rewrite");
      String text = Files.readString(f);
      assertFalse(text.contains("\nurl="), text);
    }
  }

  @Nested
  @DisplayName("the keyring")
  class Keyring {

    @Test
    @DisplayName("one item per deployment; the settings file holds the URLs, never a token")
    void several() throws Exception {
      SecretToolStore s = new SecretToolStore(FakeSecretTool.install(dir), Map.of(), files());
      s.save(a());
      s.save(b());
      assertEquals(Optional.of(b()), s.load());
      s.use(a().url());
      assertEquals(Optional.of(a()), s.load());
      assertEquals(Optional.of(b()), s.load(b().url()));
      String settings = Files.readString(files().settings());
      assertFalse(settings.contains(TOKEN_A) || settings.contains(TOKEN_B), settings);
      s.remove(a().url());
      assertEquals(Optional.of(b()), s.load());
      assertEquals(Optional.empty(), s.load(a().url()), "its item is gone");
      String argv = Files.readString(dir.resolve("argv.log"));
      assertFalse(argv.contains(TOKEN_A) || argv.contains(TOKEN_B), argv);
    }

    @Test
    @DisplayName("a keyring sign-in from the single-deployment release reads as current")
    void migrates() throws Exception {
      Path tool = FakeSecretTool.install(dir);
      // What that release left: the URL in the settings file and one item.
      Files.createDirectories(files().settings().getParent());
      Files.writeString(files().settings(), "url=https\\://a.example.com\nstartOnLogin=true\n");
      SecretToolStore s = new SecretToolStore(tool, Map.of(), files());
      new ProcessBuilder(
              tool.toString(),
              "store",
              "--label=x",
              "service",
              "coder-desktop",
              "url",
              a().url().toString())
          .redirectInput(writeTemp(TOKEN_A))
          .start()
          .waitFor();
      assertEquals(Optional.of(a()), s.load());
      s.save(b());
      assertEquals(List.of(a().url(), b().url()), s.index().deployments());
      assertTrue(Files.readString(files().settings()).contains("startOnLogin=true"));
    }

    @Test
    @DisplayName("tokens left in the plain file move into the keyring, and the file goes")
    void fromFile() throws Exception {
      new FileTokenStore(files().credentials()).save(a());
      SecretToolStore s = new SecretToolStore(FakeSecretTool.install(dir), Map.of(), files());
      s.save(b());
      assertFalse(Files.exists(files().credentials()));
      assertEquals(Optional.of(a()), s.load(a().url()));
      assertEquals(Optional.of(b()), s.load());
    }

    private java.io.File writeTemp(String text) throws Exception {
      Path p = dir.resolve("stdin");
      Files.writeString(p, text);
      return p.toFile();
    }
  }
}
