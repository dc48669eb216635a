// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderdesktop.testbed.deployment.AgentPorts;
import dev.coderdesktop.testbed.deployment.Deployment;
import dev.coderdesktop.testbed.deployment.WorkspaceBuilds;
import dev.coderdesktop.testbed.http.Exchange;
import dev.coderdesktop.testbed.http.HttpServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The workspace calls, shaped as coderd answers them: the search ({@code owner:me} and the sharing
 * filters), the workspace by owner and name (each workspace with its latest build, agents and
 * apps), start and stop builds, a build by id, an agent's listening ports (filtered as coderd
 * filters them) and the deployment's app host (none: the testbed proxies no apps, so subdomain apps
 * fall back to path URLs). Every testbed agent has the same apps.
 */
public final class WorkspaceApi {

  /** Ports coderd leaves out of the listening ports: rarely HTTP (ssh, mail, databases, ...). */
  private static final Set<Integer> NOT_HTTP =
      Set.of(
          20, 21, 22, 23, 25, 53, 110, 143, 179, 389, 636, 465, 587, 989, 990, 993, 995, 3306, 3389,
          5432, 27017, 27018, 27019, 28017);

  /** The port of the testbed agents' web app (nothing serves it: the testbed proxies no apps). */
  static final int APP_PORT = 13337;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Deployment deployment;
  private final WorkspaceBuilds builds;
  private final AgentPorts ports;
  private final RestApi users;

  /**
   * The calls over {@code deployment}, its {@code builds}, and the agents' {@code ports}; {@code
   * users} signs requests in.
   */
  public WorkspaceApi(
      Deployment deployment, WorkspaceBuilds builds, AgentPorts ports, RestApi users) {
    this.deployment = deployment;
    this.builds = builds;
    this.ports = ports;
    this.users = users;
  }

  /** Adds the routes. */
  public void register(HttpServer http) {
    http.route("GET /api/v2/workspaces", this::search)
        .route("GET /api/v2/users/*", this::workspaceByName)
        .route("POST /api/v2/workspaces/*", this::createBuild)
        .route("GET /api/v2/workspacebuilds/*", this::build)
        .route("GET /api/v2/workspaceagents/*", this::listeningPorts)
        .route("GET /api/v2/applications/host", this::appHost);
  }

  private void search(Exchange ex) throws IOException {
    Optional<Deployment.User> u = users.user(ex);
    if (u.isEmpty()) {
      return;
    }
    String q = ex.query("q") == null ? "" : ex.query("q").strip();
    List<Deployment.Workspace> found;
    if (q.isEmpty() || q.equals("owner:me")) {
      found = deployment.workspacesOf(u.get().id());
    } else if (sharing()
        && (q.equals("shared:true")
            || q.equals("shared_with_user:" + u.get().id())
            || q.equals("shared_with_user:" + u.get().username()))) {
      // Only shares with the user themselves: the testbed's users see no one else's.
      found = deployment.sharedWith(u.get().username());
    } else {
      // What coderd answers a filter it does not know (or one the testbed does not serve).
      RestApi.error(ex, 400, "Invalid workspace search query.", "query: " + q);
      return;
    }
    List<Object> list = new ArrayList<>();
    for (Deployment.Workspace w : found) {
      list.add(workspace(w));
    }
    RestApi.json(ex, 200, Map.of("workspaces", list, "count", list.size()));
  }

  /**
   * Whether the claimed version has the workspace-sharing search filters: coderd v2.30.0 answers
   * {@code shared:} and {@code shared_with_user:}, v2.20.0 and v2.24.1 refuse both with 400.
   */
  private boolean sharing() {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("v?(\\d+)\\.(\\d+)").matcher(deployment.config().version());
    if (!m.lookingAt()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return major > 2 || major == 2 && minor >= 30;
  }

  private void workspaceByName(Exchange ex) throws IOException {
    Optional<Deployment.User> u = users.user(ex);
    if (u.isEmpty()) {
      return;
    }
    // /api/v2/users/{owner}/workspace/{name}
    String[] p = ex.path().split("/");
    if (p.length != 7 || !p[5].equals("workspace")) {
      RestApi.error(ex, 404, "Route not found.", ex.path());
      return;
    }
    String owner = p[4].equals("me") ? u.get().username() : p[4];
    Optional<Deployment.Workspace> w = deployment.workspace(owner, p[6]);
    if (w.isEmpty() || !w.get().owner().id().equals(u.get().id())) {
      RestApi.error(ex, 404, "Resource not found or you do not have access to this resource", "");
      return;
    }
    RestApi.json(ex, 200, workspace(w.get()));
  }

  private void createBuild(Exchange ex) throws IOException {
    Optional<Deployment.User> u = users.user(ex);
    if (u.isEmpty()) {
      return;
    }
    // /api/v2/workspaces/{id}/builds
    String[] p = ex.path().split("/");
    Optional<Deployment.Workspace> w =
        p.length == 6 && p[5].equals("builds") ? byId(p[4], u.get()) : Optional.empty();
    if (w.isEmpty()) {
      RestApi.error(ex, 404, "Resource not found or you do not have access to this resource", "");
      return;
    }
    String transition;
    try {
      JsonNode body = JSON.readTree(ex.body());
      transition = body == null ? "" : body.path("transition").asText("");
    } catch (IOException e) {
      RestApi.error(ex, 400, "Request body must be valid JSON.", e.getMessage());
      return;
    }
    if (!transition.equals("start") && !transition.equals("stop")) {
      RestApi.error(
          ex, 400, "Invalid request body.", "transition must be start or stop: " + transition);
      return;
    }
    try {
      RestApi.json(ex, 201, build(builds.create(w.get(), transition), null));
    } catch (WorkspaceBuilds.ConflictException e) {
      RestApi.error(ex, 409, e.getMessage(), "");
    }
  }

  private void build(Exchange ex) throws IOException {
    if (users.user(ex).isEmpty()) {
      return;
    }
    String id = ex.path().substring("/api/v2/workspacebuilds/".length());
    Optional<WorkspaceBuilds.Build> b = parse(id).flatMap(builds::get);
    if (b.isEmpty()) {
      RestApi.error(ex, 404, "Resource not found or you do not have access to this resource", "");
      return;
    }
    RestApi.json(ex, 200, build(b.get(), null));
  }

  private void listeningPorts(Exchange ex) throws IOException {
    Optional<Deployment.User> u = users.user(ex);
    if (u.isEmpty()) {
      return;
    }
    // /api/v2/workspaceagents/{id}/listening-ports
    String[] p = ex.path().split("/");
    Optional<UUID> id =
        p.length == 6 && p[5].equals("listening-ports") ? parse(p[4]) : Optional.empty();
    if (id.isEmpty()) {
      RestApi.error(ex, 404, "Route not found.", ex.path());
      return;
    }
    Optional<Deployment.Workspace> owner =
        deployment.workspacesOf(u.get().id()).stream()
            .filter(w -> w.agents().stream().anyMatch(a -> a.id().equals(id.get())))
            .findFirst();
    if (owner.isEmpty()) {
      RestApi.error(ex, 404, "Resource not found or you do not have access to this resource", "");
      return;
    }
    if (!owner.get().running()) {
      RestApi.error(
          ex, 400, "Agent state is \"disconnected\", it must be in the \"connected\" state.", "");
      return;
    }
    List<Object> out = new ArrayList<>();
    for (AgentPorts.Port port : ports.of(id.get())) {
      // coderd's filter: the agent's own ports, common non-HTTP ports, ports an app uses.
      if (port.port() < 9 || NOT_HTTP.contains(port.port()) || port.port() == APP_PORT) {
        continue;
      }
      out.add(Map.of("process_name", port.process(), "network", "tcp", "port", port.port()));
    }
    RestApi.json(ex, 200, Map.of("ports", out));
  }

  private void appHost(Exchange ex) throws IOException {
    if (users.user(ex).isEmpty()) {
      return;
    }
    RestApi.json(ex, 200, Map.of("host", ""));
  }

  private Optional<Deployment.Workspace> byId(String id, Deployment.User user) {
    return parse(id)
        .flatMap(
            uuid ->
                deployment.workspacesOf(user.id()).stream()
                    .filter(w -> w.id().equals(uuid))
                    .findFirst());
  }

  private static Optional<UUID> parse(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Map<String, Object> workspace(Deployment.Workspace w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", w.id().toString());
    m.put("name", w.name());
    m.put("owner_id", w.owner().id().toString());
    m.put("owner_name", w.owner().username());
    m.put("latest_build", build(builds.latest(w), w));
    return m;
  }

  /** A build's JSON; with {@code w}, its resources (agents only while the workspace runs). */
  private static Map<String, Object> build(WorkspaceBuilds.Build b, Deployment.Workspace w) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("status", b.jobStatus());
    if (!b.error().isEmpty()) {
      job.put("error", b.error());
    }
    List<Object> agents = new ArrayList<>();
    if (w != null && w.running()) {
      for (Deployment.Agent a : w.agents()) {
        agents.add(agent(a));
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", b.id().toString());
    m.put("workspace_id", b.workspace().toString());
    m.put("build_number", b.number());
    m.put("transition", b.transition());
    m.put("status", b.status());
    m.put("job", job);
    m.put("resources", List.of(Map.of("name", "testbed", "agents", agents)));
    return m;
  }

  private static Map<String, Object> agent(Deployment.Agent a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id().toString());
    m.put("name", a.name());
    m.put("status", "connected");
    m.put(
        "display_apps", List.of("vscode", "web_terminal", "ssh_helper", "port_forwarding_helper"));
    m.put("expanded_directory", "/root");
    m.put(
        "apps",
        List.of(
            app("code-server", "code-server", "http://localhost:" + APP_PORT + "/", false),
            app("docs", "Coder docs", "https://coder.com/docs", true)));
    return m;
  }

  private static Map<String, Object> app(String slug, String name, String url, boolean external) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "id",
        UUID.nameUUIDFromBytes(slug.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    m.put("slug", slug);
    m.put("display_name", name);
    m.put("url", url);
    m.put("external", external);
    m.put("subdomain", false);
    m.put("sharing_level", "owner");
    m.put("health", external ? "disabled" : "healthy");
    m.put("hidden", false);
    return m;
  }
}
