// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.deployments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderdesktop.cli.CliRun;
import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.testbed.Testbed;
import dev.coderdesktop.testbed.config.TestbedConfig;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code login}, {@code deployments}, {@code use}, {@code logout} and {@code shared} against two
 * testbeds on loopback (no root, no service: the commands that only read the sign-ins work without
 * it): an "old" one claiming v2.24.1 (no workspace sharing) and one claiming v2.30.0 where bob
 * shared a workspace with alice.
 */
@Timeout(60)
class SeveralDeploymentsCliTest {

  private static final String TOKEN_OLD = "0123456789-oldoldoldoldoldoldold";
  private static final String TOKEN_NEW = "0123456789-newnewnewnewnewnewnew";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final SystemClock clock = new SystemClock("cli-test");
  private Testbed old;
  private Testbed current;
  private URI oldUrl;
  private URI newUrl;

  @BeforeEach
  void start() throws Exception {
    old =
        new Testbed(
            new TestbedConfig(
                "v2.24.1",
                "coder",
                false,
                List.of(new TestbedConfig.UserSpec("alice", List.of(TOKEN_OLD), List.of())),
                List.of(new TestbedConfig.WorkspaceSpec("dev", "alice", false, List.of("main")))),
            clock);
    oldUrl = old.start(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1");
    current =
        new Testbed(
            TestbedConfig.parse(
                """
                {"version": "v2.30.0", "hostnameSuffix": "corp",
                 "users": [{"username": "alice", "tokens": ["%s"]},
                           {"username": "bob", "tokens": []}],
                 "workspaces": [
                   {"name": "web", "owner": "alice", "agents": ["main"]},
                   {"name": "api", "owner": "bob", "agents": ["main"], "sharedWith": ["alice"]},
                   {"name": "db", "owner": "bob", "agents": ["main"]}]}
                """
                    .replace("%s", TOKEN_NEW)),
            clock);
    // "localhost" rather than the address, so the two differ in host and a prefix picks one.
    newUrl =
        URI.create(
            current
                .start(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1")
                .toString()
                .replace("127.0.0.1", "localhost"));
  }

  @AfterEach
  void stop() {
    old.close();
    current.close();
    clock.shutdown();
  }

  private CliRun cli(String stdin, String... args) {
    Map<String, String> env =
        Map.of(
            "XDG_CONFIG_HOME",
            dir.resolve("config").toString(),
            "CODER_DESKTOP_TOKEN_STORE",
            "file",
            "CODER_DESKTOP_SOCKET",
            dir.resolve("no-service.sock").toString(),
            "PATH",
            "/usr/bin:/bin");
    return CliRun.run(env, stdin, args);
  }

  private void ok(CliRun r) {
    assertEquals(ExitCode.OK, r.exit(), r.out() + r.err());
  }

  @Test
  @DisplayName("login adds and makes current; deployments, use and logout move between them")
  void switching() throws Exception {
    ok(cli(TOKEN_OLD, "login", "--url", oldUrl.toString()));
    CliRun added = cli(TOKEN_NEW, "login", newUrl.toString());
    ok(added);
    assertTrue(added.err().contains("now the current deployment"), added.err());
    CliRun list = cli("", "deployments");
    ok(list);
    assertEquals("  " + oldUrl + "\n* " + newUrl + "\n", list.out());

    ok(cli("", "use", "127"));
    CliRun unused = cli("", "use", "--no-direct", "127");
    ok(unused);
    assertTrue(
        unused.err().contains("--no-direct were not used"), "no VPN to move: " + unused.err());
    JsonNode j = JSON.readTree(cli("", "deployments", "--json").out());
    assertEquals(oldUrl.toString(), j.get("current").asText());
    assertTrue(j.get("vpn").isNull(), "no service, no VPN");
    assertEquals(2, j.get("deployments").size());
    assertEquals("127.0.0.1", j.get("deployments").get(0).get("host").asText());

    CliRun byHost = cli("", "use", "localhost");
    ok(byHost);
    assertEquals("Now using " + newUrl + ".\n", byHost.out());
    assertEquals("Already using " + newUrl + ".\n", cli("", "use", newUrl.toString()).out());
    assertEquals(ExitCode.USAGE, cli("", "use", "http").exit(), "ambiguous prefix");
    CliRun unknown = cli("", "use", "coder.example.com");
    assertEquals(ExitCode.NOT_SIGNED_IN, unknown.exit());
    assertTrue(unknown.err().contains("not signed in to 'coder.example.com'"), unknown.err());
    assertEquals(list.out().replace("  " + oldUrl, "  " + oldUrl), cli("", "use").out());

    CliRun out = cli("", "logout");
    ok(out);
    assertTrue(out.out().contains("Now using " + oldUrl), out.out());
    ok(cli("", "logout", "--all"));
    assertFalse(Files.exists(dir.resolve("config/coder-desktop/credentials")));
    assertTrue(cli("", "deployments").out().startsWith("Not signed in"));
  }

  @Test
  @DisplayName("shared lists what others shared on v2.30.0 and nothing, without failing, before")
  void shared() throws Exception {
    ok(cli(TOKEN_NEW, "login", newUrl.toString()));
    CliRun s = cli("", "shared");
    ok(s);
    assertEquals("bob/api  running  " + newUrl + "/@bob/api\n", s.out());
    JsonNode j = JSON.readTree(cli("", "shared", "--json").out());
    assertTrue(j.get("supported").asBoolean());
    assertEquals("bob", j.get("workspaces").get(0).get("owner").asText());

    ok(cli(TOKEN_OLD, "login", oldUrl.toString()));
    CliRun none = cli("", "shared");
    ok(none);
    assertTrue(none.out().contains("does not list shared workspaces"), none.out());
    assertFalse(JSON.readTree(cli("", "shared", "--json").out()).get("supported").asBoolean());
  }
}
