// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppsAndPortsTest {

  private static final WorkspaceJson.App WEB =
      new WorkspaceJson.App(
          "code-server",
          "code-server",
          "http://localhost:13337/?folder=/home",
          false,
          null,
          false,
          null,
          false,
          "healthy");
  private static final WorkspaceJson.App SUB =
      new WorkspaceJson.App(
          "grafana",
          "Grafana",
          "http://127.0.0.1:3000",
          false,
          null,
          true,
          "grafana--main--dev--alice",
          false,
          "healthy");
  private static final WorkspaceJson.App EXTERNAL =
      external("gateway", "JetBrains", "jetbrains-gateway://connect#token=$SESSION_TOKEN");
  private static final WorkspaceJson.App LEAKY =
      external("wiki", null, "https://wiki.example.com/?t=$SESSION_TOKEN");
  private static final WorkspaceJson.App COMMAND =
      new WorkspaceJson.App("top", "Top", null, false, "top -d 2", false, null, false, "disabled");
  private static final WorkspaceJson.App HIDDEN =
      new WorkspaceJson.App(
          "hid", "Hidden", "http://127.0.0.1:1", false, null, false, null, true, "");

  /** A shown external app with no health check, as the deployment lists it. */
  private static WorkspaceJson.App external(String slug, String displayName, String url) {
    return new WorkspaceJson.App(
        slug, displayName, url, true, null, false, null, false, "disabled");
  }

  private static WorkspaceJson.Agent agent(List<String> displayApps) {
    return new WorkspaceJson.Agent(
        UUID.randomUUID(),
        "main",
        "connected",
        List.of(WEB, SUB, EXTERNAL, LEAKY, COMMAND, HIDDEN),
        displayApps,
        "/home/alice");
  }

  private static WorkspaceJson.Workspace workspace(WorkspaceJson.Agent a) {
    return new WorkspaceJson.Workspace(
        UUID.randomUUID(),
        "dev",
        "alice",
        new WorkspaceJson.Build(
            UUID.randomUUID(),
            3,
            "start",
            "running",
            null,
            List.of(new WorkspaceJson.Resource(List.of(a)))));
  }

  @Test
  @DisplayName("apps get the dashboard's URLs, hidden ones are left out, built-ins come last")
  void dashboardUrls() throws Exception {
    WorkspaceJson.Agent a = agent(List.of("vscode", "web_terminal"));
    List<AppLink> links =
        new Apps(DeploymentUrl.parse("https://coder.example.com"), "*.apps.example.com")
            .of(workspace(a), a, "main.dev.coder");
    assertEquals(
        List.of(
            "WEB code-server https://coder.example.com/@alice/dev.main/apps/code-server/",
            "WEB Grafana https://grafana--main--dev--alice.apps.example.com/",
            "EXTERNAL JetBrains jetbrains-gateway://connect#token=$SESSION_TOKEN",
            "EXTERNAL wiki https://wiki.example.com/?t=",
            "WEB Top https://coder.example.com/@alice/dev.main/terminal?command=top%20-d%202",
            "VSCODE VS Code Desktop vscode://coder.coder-remote/open?owner=alice&workspace=dev"
                + "&url=https%3A%2F%2Fcoder.example.com&openRecent=true&agent=main"
                + "&folder=%2Fhome%2Falice",
            "TERMINAL Terminal (ssh main.dev.coder) main.dev.coder"),
        links.stream().map(l -> l.kind() + " " + l.label() + " " + l.target()).toList());
    AppLink gateway = links.get(2);
    assertTrue(gateway.needsToken());
    assertEquals("jetbrains-gateway://connect#token=T0K", gateway.withToken("T0K"));
    assertFalse(links.get(3).needsToken());
  }

  @Test
  @DisplayName(
      "without a wildcard host subdomain apps fall back to the path; no vscode when not allowed")
  void pathFallback() throws Exception {
    WorkspaceJson.Agent a = agent(List.of("web_terminal"));
    List<AppLink> links =
        new Apps(DeploymentUrl.parse("http://127.0.0.1:3000"), "").of(workspace(a), a, "dev.coder");
    assertEquals("http://127.0.0.1:3000/@alice/dev.main/apps/grafana/", links.get(1).target());
    assertTrue(links.stream().noneMatch(l -> l.kind() == AppLink.Kind.VSCODE));
  }

  @Test
  @DisplayName(
      "ports: Coder's reserved, non-HTTP and app ports are left out, each port once, sorted")
  void portFilter() {
    List<WorkspaceJson.Port> raw =
        List.of(
            new WorkspaceJson.Port("python3", "tcp", 8080),
            new WorkspaceJson.Port("coder", "tcp", 4),
            new WorkspaceJson.Port("sshd", "tcp", 22),
            new WorkspaceJson.Port("postgres", "tcp", 5432),
            new WorkspaceJson.Port("code-server", "tcp", 13337),
            new WorkspaceJson.Port("grafana", "tcp", 3000),
            new WorkspaceJson.Port("node", "tcp", 5173),
            new WorkspaceJson.Port("node", "tcp", 5173),
            new WorkspaceJson.Port(null, "tcp", 9));
    List<ListeningPort> ports = PortFilter.apply(raw, List.of(WEB, SUB, EXTERNAL, COMMAND));
    assertEquals(
        List.of(
            new ListeningPort(9, ""),
            new ListeningPort(5173, "node"),
            new ListeningPort(8080, "python3")),
        ports);
    assertEquals("http://dev.coder:8080/", ports.get(2).url("dev.coder"));
  }
}
