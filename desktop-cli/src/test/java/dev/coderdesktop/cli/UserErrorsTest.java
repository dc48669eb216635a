// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every user error is one line on stderr, nothing on stdout, and its documented exit code. */
class UserErrorsTest {

  @TempDir Path dir;
  private Map<String, String> env;

  @BeforeEach
  void env() {
    // A user with no keyring and no sign-in yet.
    env =
        Map.of(
            "HOME", dir.toString(),
            "XDG_CONFIG_HOME", dir.resolve("config").toString(),
            "PATH", dir.resolve("nothing").toString());
  }

  @ParameterizedTest(name = "{0} -> exit {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--socket /nonexistent status --json | 3 | cannot reach the Coder Desktop service at /nonexistent",
        "--socket /nonexistent hosts --json  | 3 | cannot reach",
        "--socket /nonexistent down          | 3 | cannot reach",
        "--socket /nonexistent up            | 4 | not signed in: run 'coder-desktop login --url URL' first",
        "login --url http://127.0.0.1:9 --token-file /missing | 2 | cannot read the token file /missing: no such file",
        "login --url ftp://x --token-file /missing           | 2 | https://",
        "login                                | 2 | which deployment? coder-desktop login URL",
        "login http://a.test --url http://b.test | 2 | give the deployment once",
        "use coder.example.com                | 4 | not signed in to 'coder.example.com'",
        "logout nowhere.example.com           | 4 | not signed in to 'nowhere.example.com'",
        "status --bogus                       | 2 | Unknown option: '--bogus'",
        "frobnicate                           | 2 | Unmatched argument",
        "--socket /nonexistent netcheck       | 5 | the broken step is service",
      })
  @DisplayName("a user error")
  void oneLine(String args, int exit, String says) {
    CliRun r = CliRun.run(env, "", args.strip().split("\\s+"));
    assertEquals(exit, r.exit(), r.toString());
    if (!args.contains("netcheck")) {
      assertEquals("", r.out(), "nothing on stdout");
    }
    assertEquals(1, r.err().lines().count(), "one line on stderr: " + r.err());
    assertTrue(r.err().startsWith("coder-desktop: "), r.err());
    assertTrue(r.err().contains(says), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
  }
}
