// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderdesktop.cli.CliRun;
import dev.coderdesktop.testbed.Testbed;
import dev.coderdesktop.testbed.config.TestbedConfig;
import dev.coderdesktop.testbed.deployment.AgentPorts;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** start, stop, ports and apps against the in-process testbed's REST API, with exit codes. */
@Timeout(60)
class WorkspaceCommandsTest {

  private static final String TOKEN = "0123456789-abcdefghijklmnopqrstuv";

  @TempDir Path dir;
  private final SystemClock clock = new SystemClock("ws-cli-test");
  private Testbed testbed;
  private Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    testbed =
        new Testbed(
            new TestbedConfig(
                "v2.24.1",
                null,
                false,
                List.of(new TestbedConfig.UserSpec("alice", List.of(TOKEN), List.of())),
                List.of(new TestbedConfig.WorkspaceSpec("dev", "alice", false, List.of("main")))),
            clock);
    URI url = testbed.start(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1");
    testbed.agentPorts(
        agent -> List.of(new AgentPorts.Port(22, "sshd"), new AgentPorts.Port(8080, "python3")));
    env =
        Map.of(
            "HOME", dir.toString(),
            "XDG_CONFIG_HOME", dir.resolve("config").toString(),
            "PATH", dir.resolve("nothing").toString());
    CliRun login = CliRun.run(env, TOKEN + "\n", "login", "--url", url.toString());
    assertEquals(0, login.exit(), login.toString());
  }

  @AfterEach
  void stop() {
    testbed.close();
    clock.shutdown();
  }

  @Test
  @DisplayName(
      "stop then start: progress on stderr, the outcome on stdout, exit 0; again is a no-op")
  void stopStart() {
    CliRun stop = CliRun.run(env, "", "stop", "dev.coder");
    assertEquals(0, stop.exit(), stop.toString());
    assertEquals("Workspace dev is stopped.\n", stop.out());
    assertTrue(stop.err().contains("Stopping dev (build #2)"), stop.err());
    // Polled every second: the 0.4 s phases in between may be seen or not, the end always is.
    assertTrue(stop.err().contains("  pending (job pending)"), stop.err());
    assertTrue(stop.err().contains("  stopped (job succeeded)"), stop.err());
    assertFalse(testbed.deployment().workspace("alice", "dev").get().running());
    CliRun again = CliRun.run(env, "", "stop", "dev");
    assertEquals(0, again.exit(), again.toString());
    assertEquals("Workspace dev is already stopped.\n", again.out());
    CliRun ports = CliRun.run(env, "", "ports", "dev.coder");
    assertEquals(1, ports.exit(), ports.toString());
    assertTrue(ports.err().contains("has no agent (it is stopped"), ports.err());
    CliRun start = CliRun.run(env, "", "start", "alice/dev");
    assertEquals(0, start.exit(), start.toString());
    assertEquals("Workspace dev is running.\n", start.out());
    assertTrue(testbed.deployment().workspace("alice", "dev").get().running());
  }

  @Test
  @DisplayName("a failed build: its error on stderr, exit 1")
  void failedBuild() {
    testbed
        .builds()
        .failNext(testbed.deployment().workspace("alice", "dev").get().id(), "quota exceeded");
    CliRun stop = CliRun.run(env, "", "stop", "dev");
    assertEquals(1, stop.exit(), stop.toString());
    assertTrue(
        stop.err().endsWith("coder-desktop: dev: the stop build #2 failed: quota exceeded\n"),
        stop.err());
  }

  @Test
  @DisplayName("unknown workspaces and bad names: one clear line, non-zero exit")
  void badInput() {
    CliRun unknown = CliRun.run(env, "", "start", "nope");
    assertEquals(1, unknown.exit());
    assertTrue(unknown.err().startsWith("coder-desktop: no workspace named nope on http://"));
    CliRun bad = CliRun.run(env, "", "ports", "a.b.c.d.coder");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("is not a workspace hostname"), bad.err());
    CliRun agent = CliRun.run(env, "", "apps", "db.dev.coder");
    assertEquals(1, agent.exit());
    assertTrue(agent.err().contains("workspace dev has no agent named db"), agent.err());
  }

  @Test
  @DisplayName("ports: Coder's filtering, a table or JSON with each port's URL")
  void ports() throws Exception {
    CliRun table = CliRun.run(env, "", "ports", "dev.coder");
    assertEquals(0, table.exit(), table.toString());
    assertEquals(
        List.of(
            "PORT   PROCESS              URL",
            "8080   python3              http://dev.coder:8080/"),
        table.out().lines().toList());
    CliRun json = CliRun.run(env, "", "ports", "--json", "dev");
    JsonNode n = new ObjectMapper().readTree(json.out());
    assertEquals("dev.coder", n.get("host").asText());
    assertEquals(8080, n.get("ports").get(0).get("port").asInt());
    assertEquals("http://dev.coder:8080/", n.get("ports").get(0).get("url").asText());
    assertEquals(1, n.get("ports").size());
  }

  @Test
  @DisplayName(
      "apps: the dashboard's URLs and the built-ins; an unknown --open slug is a usage error")
  void apps() throws Exception {
    CliRun json = CliRun.run(env, "", "apps", "--json", "dev.coder");
    assertEquals(0, json.exit(), json.toString());
    JsonNode apps = new ObjectMapper().readTree(json.out()).get("apps");
    assertEquals("code-server", apps.get(0).get("slug").asText());
    assertEquals(
        testbed.url() + "/@alice/dev.main/apps/code-server/", apps.get(0).get("target").asText());
    assertEquals("external", apps.get(1).get("kind").asText());
    assertEquals("vscode", apps.get(2).get("kind").asText());
    assertEquals("dev.coder", apps.get(3).get("target").asText());
    CliRun open = CliRun.run(env, "", "apps", "dev.coder", "--open", "nope");
    assertEquals(2, open.exit());
    assertTrue(open.err().contains("main has no app nope"), open.err());
  }
}
