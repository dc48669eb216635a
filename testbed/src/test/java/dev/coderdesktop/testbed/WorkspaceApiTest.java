// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.workspace.AppLink;
import dev.coderdesktop.coder.sdk.workspace.Apps;
import dev.coderdesktop.coder.sdk.workspace.Builds;
import dev.coderdesktop.coder.sdk.workspace.ListeningPort;
import dev.coderdesktop.coder.sdk.workspace.Ports;
import dev.coderdesktop.coder.sdk.workspace.Transition;
import dev.coderdesktop.coder.sdk.workspace.WorkspaceJson;
import dev.coderdesktop.coder.sdk.workspace.WorkspaceName;
import dev.coderdesktop.coder.sdk.workspace.Workspaces;
import dev.coderdesktop.testbed.config.TestbedConfig;
import dev.coderdesktop.testbed.deployment.AgentPorts;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The testbed's workspace calls as the SDK makes them: builds, ports, apps. */
@Timeout(60)
class WorkspaceApiTest {

  private static final String TOKEN = "0123456789-abcdefghijklmnopqrstuv";

  private final SystemClock clock = new SystemClock("ws-api-test");
  private Testbed testbed;
  private CoderClient client;

  @BeforeEach
  void start() throws Exception {
    testbed = new Testbed(TestbedConfig.aliceWithOneWorkspace(TOKEN), clock);
    URI url = testbed.startOnLoopback();
    client = new CoderClient(DeploymentUrl.parse(url.toString()), SessionToken.of(TOKEN), Map.of());
  }

  @AfterEach
  void stop() {
    testbed.close();
    clock.shutdown();
  }

  private WorkspaceJson.Build run(Transition t) throws Exception {
    WorkspaceJson.Workspace ws = new Workspaces(client).find(WorkspaceName.parse("dev", "coder"));
    Builds builds = new Builds(client);
    List<String> seen = new ArrayList<>();
    WorkspaceJson.Build end =
        builds.follow(
            builds.create(ws, t), d -> TimeUnit.MILLISECONDS.sleep(100), b -> seen.add(b.status()));
    assertEquals(t == Transition.START ? "starting" : "stopping", seen.get(1), seen.toString());
    return end;
  }

  @Test
  @DisplayName("stop and start builds: the agents leave with the stop and come back with the start")
  void stopAndStart() throws Exception {
    WorkspaceJson.Build stopped = run(Transition.STOP);
    assertEquals("stopped", stopped.status());
    assertEquals("", Builds.failure(stopped));
    assertTrue(testbed.deployment().workspace("alice", "dev").get().running() == false);
    var e =
        assertThrows(
            Workspaces.NotFoundException.class,
            () -> new Workspaces(client).target(WorkspaceName.parse("dev.coder", "coder")));
    assertTrue(e.getMessage().contains("it is stopped"), e.getMessage());

    WorkspaceJson.Build started = run(Transition.START);
    assertEquals("running", started.status());
    assertTrue(testbed.deployment().workspace("alice", "dev").get().running());
    assertEquals(
        "main",
        new Workspaces(client).target(WorkspaceName.parse("dev.coder", "coder")).agent().name());
  }

  @Test
  @DisplayName("a failed build reports the job's error and leaves the workspace as it was")
  void failedBuild() throws Exception {
    var ws = testbed.deployment().workspace("alice", "dev").get();
    testbed.builds().failNext(ws.id(), "quota exceeded");
    WorkspaceJson.Build end = run(Transition.STOP);
    assertEquals("the stop build #2 failed: quota exceeded", Builds.failure(end));
    assertTrue(testbed.deployment().workspace("alice", "dev").get().running());
  }

  @Test
  @DisplayName("a second build while one is active is refused (409), an unknown workspace is 404")
  void conflictAndUnknown() throws Exception {
    WorkspaceJson.Workspace ws = new Workspaces(client).find(WorkspaceName.parse("dev", "coder"));
    new Builds(client).create(ws, Transition.STOP);
    var c =
        assertThrows(
            CoderException.Api.class, () -> new Builds(client).create(ws, Transition.STOP));
    assertEquals(409, c.status());
    assertThrows(
        Workspaces.NotFoundException.class,
        () -> new Workspaces(client).find(WorkspaceName.parse("nope", "coder")));
  }

  @Test
  @DisplayName("listening ports come from the agent's machine, filtered as coderd filters them")
  void ports() throws Exception {
    testbed.agentPorts(
        agent ->
            List.of(
                new AgentPorts.Port(4, "agent"),
                new AgentPorts.Port(22, "sshd"),
                new AgentPorts.Port(8080, "http"),
                new AgentPorts.Port(13337, "code-server")));
    Workspaces.Target t = new Workspaces(client).target(WorkspaceName.parse("dev.coder", "coder"));
    assertEquals(List.of(new ListeningPort(8080, "http")), new Ports(client).of(t.agent()));
    assertEquals("dev.coder", t.hostname("coder"));
  }

  @Test
  @DisplayName("apps: the dashboard's path URL for the web app, the external link, the built-ins")
  void apps() throws Exception {
    Workspaces.Target t = new Workspaces(client).target(WorkspaceName.parse("dev", "coder"));
    List<AppLink> links = Apps.of(client).of(t.workspace(), t.agent(), "dev.coder");
    assertEquals(
        List.of(
            client.url() + "/@alice/dev.main/apps/code-server/",
            "https://coder.com/docs",
            "vscode://coder.coder-remote/open?owner=alice&workspace=dev&url="
                + java.net.URLEncoder.encode(
                    client.url().toString(), java.nio.charset.StandardCharsets.UTF_8)
                + "&openRecent=true&agent=main&folder=%2Froot",
            "dev.coder"),
        links.stream().map(AppLink::target).toList());
  }
}
