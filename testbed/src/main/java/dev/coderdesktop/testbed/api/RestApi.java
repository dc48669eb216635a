// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderdesktop.testbed.deployment.Deployment;
import dev.coderdesktop.testbed.http.Exchange;
import dev.coderdesktop.testbed.http.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The REST side of the testbed: the calls Coder Desktop makes (buildinfo, users/me,
 * workspaceagents/connection), the {@code /cli-auth} page that shows a token, a small dashboard,
 * and admin calls tests use to stop or start a workspace and revoke a token (accepted only from the
 * testbed's own host). Response shapes follow coderd's JSON names.
 */
public final class RestApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Deployment deployment;
  private final Supplier<String> baseUrl;
  private final RelayAddress relay;

  /** The API over {@code deployment}; {@code baseUrl} is how clients reach it. */
  public RestApi(Deployment deployment, Supplier<String> baseUrl, RelayAddress relay) {
    this.deployment = deployment;
    this.baseUrl = baseUrl;
    this.relay = relay;
  }

  /** Adds this API's routes. */
  public void register(HttpServer http) {
    http.route("GET /api/v2/buildinfo", this::buildInfo)
        .route("GET /api/v2/users/me", this::me)
        .route("GET /api/v2/workspaceagents/connection", this::connection)
        .route("GET /cli-auth", this::cliAuth)
        .route("GET /", this::dashboard)
        .route("GET /templates", this::dashboard)
        .route("POST /testbed/workspaces/*", this::adminWorkspace)
        .route("POST /testbed/tokens/revoke", this::adminRevoke);
  }

  private void buildInfo(Exchange ex) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", deployment.config().version());
    m.put("external_url", "https://github.com/coder/coder");
    m.put("dashboard_url", baseUrl.get());
    m.put("workspace_proxy", false);
    json(ex, 200, m);
  }

  /** The signed-in user, or a 401 already written. */
  Optional<Deployment.User> user(Exchange ex) throws IOException {
    Deployment.Auth auth = deployment.authenticate(ex.header("coder-session-token"));
    return switch (auth) {
      case Deployment.Auth.Ok ok -> Optional.of(ok.user());
      case Deployment.Auth.Revoked r -> {
        error(ex, 401, "The session token has been revoked.", "");
        yield Optional.empty();
      }
      case Deployment.Auth.Unknown u -> {
        error(
            ex,
            401,
            ex.header("coder-session-token") == null
                ? "You must be logged in to do this."
                : "Invalid session token.",
            "");
        yield Optional.empty();
      }
    };
  }

  private void me(Exchange ex) throws IOException {
    Optional<Deployment.User> u = user(ex);
    if (u.isEmpty()) {
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.get().id().toString());
    m.put("username", u.get().username());
    m.put("email", u.get().username() + "@testbed.invalid");
    m.put("status", "active");
    json(ex, 200, m);
  }

  private void connection(Exchange ex) throws IOException {
    if (user(ex).isEmpty()) {
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("derp_map", relay.json());
    m.put("derp_force_websockets", deployment.config().derpForceWebsockets());
    m.put("disable_direct_connections", deployment.config().disableDirectConnections());
    m.put("hostname_suffix", deployment.config().hostnameSuffix());
    json(ex, 200, m);
  }

  private void cliAuth(Exchange ex) throws IOException {
    String who = ex.query("user");
    List<Deployment.User> users = deployment.users();
    Optional<String> token =
        users.stream()
            .filter(u -> who == null || u.username().equals(who))
            .findFirst()
            .flatMap(u -> deployment.firstToken(u.username()));
    String body =
        token
            .map(
                t ->
                    "<p>Copy this session token into Coder Desktop:</p><pre id=\"token\">"
                        + html(t)
                        + "</pre>")
            .orElse("<p>This testbed has no user with a token.</p>");
    page(ex, "Session token", body);
  }

  private void dashboard(Exchange ex) throws IOException {
    StringBuilder b = new StringBuilder("<ul>");
    for (Deployment.Workspace w : deployment.workspaces()) {
      b.append("<li>")
          .append(html(w.owner().username() + "/" + w.name()))
          .append(w.running() ? " (running)" : " (stopped)")
          .append("</li>");
    }
    b.append("</ul><p>Session tokens: <a href=\"/cli-auth\">/cli-auth</a></p>");
    page(ex, "Coder testbed " + deployment.config().version(), b.toString());
  }

  private void adminWorkspace(Exchange ex) throws IOException {
    if (!fromHost(ex)) {
      return;
    }
    // POST /testbed/workspaces/{owner}/{name}/{start|stop}
    String[] parts = ex.path().split("/");
    if (parts.length != 6 || !(parts[5].equals("start") || parts[5].equals("stop"))) {
      error(ex, 404, "Use /testbed/workspaces/{owner}/{name}/start or /stop.", ex.path());
      return;
    }
    if (!deployment.setRunning(parts[3], parts[4], parts[5].equals("start"))) {
      error(ex, 404, "No workspace " + parts[3] + "/" + parts[4] + ".", "");
      return;
    }
    json(ex, 200, Map.of("workspace", parts[3] + "/" + parts[4], "action", parts[5]));
  }

  private void adminRevoke(Exchange ex) throws IOException {
    if (!fromHost(ex)) {
      return;
    }
    String token = new String(ex.body(), StandardCharsets.UTF_8).strip();
    if (!deployment.revoke(token)) {
      error(ex, 404, "No such token.", "");
      return;
    }
    json(ex, 200, Map.of("revoked", true));
  }

  /** Admin calls come only from the testbed's own machine, never from a namespace. */
  static boolean fromHost(Exchange ex) throws IOException {
    InetAddress remote = ex.socket().getInetAddress();
    if (remote.isLoopbackAddress() || remote.equals(ex.socket().getLocalAddress())) {
      return true;
    }
    error(ex, 403, "Admin calls are accepted only from the testbed host.", "");
    return false;
  }

  static void error(Exchange ex, int status, String message, String detail) throws IOException {
    json(ex, status, Map.of("message", message, "detail", detail));
  }

  static void json(Exchange ex, int status, Object value) throws IOException {
    try {
      ex.json(status, JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IOException("cannot encode a response", e);
    }
  }

  private static void page(Exchange ex, String title, String body) throws IOException {
    String html =
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
            + html(title)
            + "</title></head><body><h1>"
            + html(title)
            + "</h1>"
            + body
            + "</body></html>";
    ex.respond(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  private static String html(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
