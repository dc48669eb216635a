// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An agent's apps with the URLs Coder's dashboard opens, then the built-ins: VS Code Desktop (when
 * the template allows it) and a terminal with {@code ssh <host>}. Immutable and thread-safe.
 */
public final class Apps {

  /**
   * External app schemes the dashboard fills the session token into; any other scheme keeps its
   * placeholder untouched, so the token never goes to a web page.
   */
  private static final Set<String> TOKEN_SCHEMES =
      Set.of("vscode", "vscode-insiders", "windsurf", "cursor", "jetbrains-gateway", "jetbrains");

  private final DeploymentUrl deployment;
  private final String appHost;

  /**
   * @param deployment the deployment (path-based apps and the terminal page live under it)
   * @param appHost its wildcard app host ({@code *.apps.example.com[:port]}), or empty
   */
  public Apps(DeploymentUrl deployment, String appHost) {
    this.deployment = deployment;
    this.appHost = appHost == null ? "" : appHost.strip();
  }

  /** The deployment's wildcard app host ({@code GET /api/v2/applications/host}). */
  public static Apps of(CoderClient client) throws CoderException {
    WorkspaceJson.AppHost h = client.get("/api/v2/applications/host", WorkspaceJson.AppHost.class);
    return new Apps(client.url(), h.host());
  }

  /** Everything to open for {@code agent}, reached at {@code hostname} through Coder Connect. */
  public List<AppLink> of(WorkspaceJson.Workspace ws, WorkspaceJson.Agent agent, String hostname) {
    List<AppLink> out = new ArrayList<>();
    for (WorkspaceJson.App app : agent.apps()) {
      if (!app.hidden()) {
        out.add(link(ws, agent, app));
      }
    }
    if (agent.displayApps() == null || agent.displayApps().contains("vscode")) {
      out.add(new AppLink(AppLink.Kind.VSCODE, "-vscode", "VS Code Desktop", vscode(ws, agent)));
    }
    out.add(
        new AppLink(
            AppLink.Kind.TERMINAL, "-terminal", "Terminal (ssh " + hostname + ")", hostname));
    return List.copyOf(out);
  }

  private AppLink link(
      WorkspaceJson.Workspace ws, WorkspaceJson.Agent agent, WorkspaceJson.App app) {
    String base = "/@" + ws.ownerName() + "/" + ws.name() + "." + agent.name();
    if (app.external() && app.url() != null && !app.url().isBlank()) {
      return new AppLink(AppLink.Kind.EXTERNAL, app.slug(), app.label(), external(app.url()));
    }
    if (app.command() != null && !app.command().isBlank()) {
      String url = deployment.resolve(base + "/terminal").toString();
      return new AppLink(
          AppLink.Kind.WEB, app.slug(), app.label(), url + "?command=" + component(app.command()));
    }
    if (!appHost.isEmpty()
        && app.subdomain()
        && app.subdomainName() != null
        && !app.subdomainName().isBlank()) {
      String url =
          deployment.uri().getScheme() + "://" + appHost.replace("*", app.subdomainName()) + "/";
      return new AppLink(AppLink.Kind.WEB, app.slug(), app.label(), url);
    }
    // The trailing slash saves the server's redirect, as in the dashboard.
    String url = deployment.resolve(base + "/apps/" + component(app.slug()) + "/").toString();
    return new AppLink(AppLink.Kind.WEB, app.slug(), app.label(), url);
  }

  /** An external URL; the token placeholder survives only for the schemes the dashboard fills. */
  private static String external(String url) {
    String u = url.strip();
    if (!u.contains(AppLink.TOKEN_PLACEHOLDER)) {
      return u;
    }
    String scheme;
    try {
      scheme = URI.create(u.replace(AppLink.TOKEN_PLACEHOLDER, "x")).getScheme();
    } catch (IllegalArgumentException e) {
      scheme = null;
    }
    if (scheme != null && TOKEN_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
      return u;
    }
    // Not a scheme that may receive the token: an empty placeholder, as the dashboard leaves it.
    return u.replace(AppLink.TOKEN_PLACEHOLDER, "");
  }

  /**
   * The Coder extension's link: it opens a remote window on the agent, signing in to the deployment
   * itself (no token in the URL).
   */
  private String vscode(WorkspaceJson.Workspace ws, WorkspaceJson.Agent agent) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("owner", ws.ownerName());
    q.put("workspace", ws.name());
    q.put("url", deployment.toString());
    q.put("openRecent", "true");
    q.put("agent", agent.name());
    if (agent.expandedDirectory() != null && !agent.expandedDirectory().isBlank()) {
      q.put("folder", agent.expandedDirectory());
    }
    StringBuilder b = new StringBuilder("vscode://coder.coder-remote/open?");
    q.forEach(
        (k, v) -> {
          if (b.charAt(b.length() - 1) != '?') {
            b.append('&');
          }
          b.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return b.toString();
  }

  /** JavaScript's encodeURIComponent, which the dashboard uses for slugs and commands. */
  static String component(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%21", "!")
        .replace("%27", "'")
        .replace("%28", "(")
        .replace("%29", ")")
        .replace("%7E", "~");
  }
}
