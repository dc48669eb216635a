// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.coderdesktop.coder.sdk.Values;
import java.util.List;
import java.util.UUID;

/**
 * The JSON shapes of the workspace calls, named as Coder names them; only the fields these actions
 * read. Lists are never null.
 */
public final class WorkspaceJson {

  private WorkspaceJson() {}

  /**
   * A workspace with its latest build ({@code GET /api/v2/users/{owner}/workspace/{name}}).
   *
   * @param id id
   * @param name name
   * @param ownerName the owner's user name
   * @param latestBuild the latest build
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Workspace(
      @JsonProperty("id") UUID id,
      @JsonProperty("name") String name,
      @JsonProperty("owner_name") String ownerName,
      @JsonProperty("latest_build") Build latestBuild) {

    /** Requires what every Coder server sends. */
    public Workspace {
      if (id == null || name == null || latestBuild == null) {
        throw new IllegalArgumentException("a workspace without id, name or latest build");
      }
    }

    /** Every agent of the latest build, in the server's order. */
    public List<Agent> agents() {
      return latestBuild.resources().stream().flatMap(r -> r.agents().stream()).toList();
    }
  }

  /**
   * A page of {@code GET /api/v2/workspaces}.
   *
   * @param workspaces the page
   * @param count how many match in all
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record WorkspacesResponse(
      @JsonProperty("workspaces") List<Workspace> workspaces, @JsonProperty("count") int count) {

    /** No workspaces when none are given; null ones dropped. */
    public WorkspacesResponse {
      workspaces = Values.present(workspaces);
    }
  }

  /**
   * A workspace build ({@code /api/v2/workspacebuilds/{id}}).
   *
   * @param id id
   * @param buildNumber the workspace's build counter
   * @param transition {@code start}, {@code stop} or {@code delete}
   * @param status e.g. {@code starting}, {@code running}, {@code failed}
   * @param job the provisioner job
   * @param resources resources with agents
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Build(
      @JsonProperty("id") UUID id,
      @JsonProperty("build_number") int buildNumber,
      @JsonProperty("transition") String transition,
      @JsonProperty("status") String status,
      @JsonProperty("job") Job job,
      @JsonProperty("resources") List<Resource> resources) {

    /** Requires the id; no resources when none are given. */
    public Build {
      if (id == null) {
        throw new IllegalArgumentException("a build without an id");
      }
      resources = Values.present(resources);
      status = status == null ? "" : status;
      transition = transition == null ? "" : transition;
      job = job == null ? new Job("", null) : job;
    }
  }

  /**
   * A provisioner job.
   *
   * @param status {@code pending}, {@code running}, {@code succeeded}, {@code canceling}, {@code
   *     canceled} or {@code failed}
   * @param error the failure, if any
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Job(@JsonProperty("status") String status, @JsonProperty("error") String error) {

    /** An absent status reads as empty. */
    public Job {
      status = status == null ? "" : status;
    }
  }

  /**
   * A build resource.
   *
   * @param agents its agents
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Resource(@JsonProperty("agents") List<Agent> agents) {

    /** No agents when none are given. */
    public Resource {
      agents = Values.present(agents);
    }
  }

  /**
   * A workspace agent with its apps.
   *
   * @param id id
   * @param name name
   * @param status e.g. {@code connected}
   * @param apps the template's apps
   * @param displayApps the built-ins the template allows ({@code vscode}, {@code web_terminal},
   *     ...); null when the server does not say
   * @param expandedDirectory the agent's working directory, if set
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Agent(
      @JsonProperty("id") UUID id,
      @JsonProperty("name") String name,
      @JsonProperty("status") String status,
      @JsonProperty("apps") List<App> apps,
      @JsonProperty("display_apps") List<String> displayApps,
      @JsonProperty("expanded_directory") String expandedDirectory) {

    /** Requires the id and name; no apps when none are given. */
    public Agent {
      if (id == null || name == null) {
        throw new IllegalArgumentException("an agent without id or name");
      }
      apps = Values.present(apps);
      displayApps = displayApps == null ? null : Values.present(displayApps);
      status = status == null ? "" : status;
    }
  }

  /**
   * A workspace app.
   *
   * @param slug the app's slug
   * @param displayName its label, if any
   * @param url where it points: the agent-local URL of a web app, the link of an external one
   * @param external whether the URL is opened as is
   * @param command the command of a terminal app, if any
   * @param subdomain whether it is served on its own subdomain
   * @param subdomainName its subdomain label
   * @param hidden whether the dashboard hides it
   * @param health {@code disabled}, {@code initializing}, {@code healthy} or {@code unhealthy}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record App(
      @JsonProperty("slug") String slug,
      @JsonProperty("display_name") String displayName,
      @JsonProperty("url") String url,
      @JsonProperty("external") boolean external,
      @JsonProperty("command") String command,
      @JsonProperty("subdomain") boolean subdomain,
      @JsonProperty("subdomain_name") String subdomainName,
      @JsonProperty("hidden") boolean hidden,
      @JsonProperty("health") String health) {

    /** Requires the slug. */
    public App {
      if (slug == null || slug.isBlank()) {
        throw new IllegalArgumentException("an app without a slug");
      }
    }

    /** The label the dashboard shows: the display name, else the slug. */
    public String label() {
      return displayName == null || displayName.isBlank() ? slug : displayName;
    }
  }

  /**
   * {@code GET /api/v2/workspaceagents/{id}/listening-ports}.
   *
   * @param ports the ports
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PortsResponse(@JsonProperty("ports") List<Port> ports) {

    /** No ports when none are given. */
    public PortsResponse {
      ports = Values.present(ports);
    }
  }

  /**
   * A listening port as the agent reports it.
   *
   * @param processName the listening process, if known
   * @param network {@code tcp}
   * @param port the port
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Port(
      @JsonProperty("process_name") String processName,
      @JsonProperty("network") String network,
      @JsonProperty("port") int port) {}

  /**
   * {@code GET /api/v2/applications/host}.
   *
   * @param host the wildcard host of subdomain apps, e.g. {@code *.apps.example.com}; empty when
   *     the deployment has none
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AppHost(@JsonProperty("host") String host) {}

  /**
   * The body of {@code POST /api/v2/workspaces/{id}/builds}.
   *
   * @param transition {@code start} or {@code stop}
   */
  public record BuildRequest(@JsonProperty("transition") String transition) {}
}
