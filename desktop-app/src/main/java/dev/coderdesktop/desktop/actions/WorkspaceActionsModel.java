// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.actions;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.workspace.AppLink;
import dev.coderdesktop.coder.sdk.workspace.Apps;
import dev.coderdesktop.coder.sdk.workspace.Builds;
import dev.coderdesktop.coder.sdk.workspace.Launch;
import dev.coderdesktop.coder.sdk.workspace.ListeningPort;
import dev.coderdesktop.coder.sdk.workspace.Ports;
import dev.coderdesktop.coder.sdk.workspace.Transition;
import dev.coderdesktop.coder.sdk.workspace.WorkspaceJson;
import dev.coderdesktop.coder.sdk.workspace.WorkspaceName;
import dev.coderdesktop.coder.sdk.workspace.Workspaces;
import dev.coderdesktop.desktop.threading.UiThread;
import dev.coderdesktop.desktop.threading.Workers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The actions window's state for one workspace: its build status, a start or stop build followed to
 * the end (progress, then the build's failure if it failed), and per agent its listening ports and
 * apps. Call every method on the UI thread; REST calls run on the workers, and results of an older
 * workspace (the window was reused) are dropped.
 */
public final class WorkspaceActionsModel {

  private static final Logger LOG = Logger.getLogger(WorkspaceActionsModel.class.getName());

  /** The signed-in deployment, read when the window opens. */
  public interface Deployment {
    /** A client for the signed-in deployment, or empty when signed out. */
    Optional<CoderClient> client();

    /** The session token, only for filling an external app's placeholder when it opens. */
    Optional<String> token();
  }

  private final UiThread ui;
  private final Workers workers;
  private final Deployment deployment;
  private final Opener opener;

  // UI thread only.
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyObjectWrapper<List<AgentSection>> agents =
      new ReadOnlyObjectWrapper<>(List.of());
  private String workspace = "";
  private Map<String, String> hostnames = Map.of();
  private Optional<CoderClient> client = Optional.empty();
  private int generation;

  /** A model over {@code deployment}; links open through {@code opener}. */
  public WorkspaceActionsModel(UiThread ui, Workers workers, Deployment deployment, Opener opener) {
    this.ui = ui;
    this.workers = workers;
    this.deployment = deployment;
    this.opener = opener;
  }

  /** The workspace's name. */
  public ReadOnlyStringProperty title() {
    return title.getReadOnlyProperty();
  }

  /**
   * Its latest build's status ({@code running}, {@code stopping}, ...), empty before it is read.
   */
  public ReadOnlyStringProperty status() {
    return status.getReadOnlyProperty();
  }

  /** Progress or the last failure, for the line under the buttons. */
  public ReadOnlyStringProperty message() {
    return message.getReadOnlyProperty();
  }

  /** Whether a build or lookup is under way (the start/stop button is disabled then). */
  public ReadOnlyBooleanProperty busy() {
    return busy.getReadOnlyProperty();
  }

  /** Each agent's ports and apps. */
  public ReadOnlyObjectProperty<List<AgentSection>> agents() {
    return agents.getReadOnlyProperty();
  }

  /**
   * Shows {@code name}'s actions; {@code agentHosts} maps each agent's name to the host name the
   * service gave it.
   */
  public void show(String name, Map<String, String> agentHosts) {
    generation++;
    workspace = name;
    hostnames = Map.copyOf(agentHosts);
    client = deployment.client();
    title.set(name);
    status.set("");
    message.set(client.isEmpty() ? "Sign in to act on workspaces." : "");
    agents.set(List.of());
    busy.set(false);
    refresh();
  }

  /** Reads the build status, ports and apps again (the window calls it every few seconds). */
  public void refresh() {
    if (client.isEmpty() || busy.get()) {
      return;
    }
    int gen = generation;
    CoderClient c = client.get();
    String name = workspace;
    Map<String, String> hosts = hostnames;
    submit(
        () -> {
          try {
            WorkspaceJson.Workspace ws = new Workspaces(c).find(WorkspaceName.parse(name, "coder"));
            List<AgentSection> sections = sections(c, ws, hosts);
            ui.post(
                () -> {
                  if (gen == generation && !busy.get()) {
                    status.set(ws.latestBuild().status());
                    agents.set(sections);
                  }
                });
          } catch (CoderException | Workspaces.NotFoundException | RuntimeException e) {
            ui.post(() -> failed(gen, e.getMessage()));
          }
        });
  }

  private static List<AgentSection> sections(
      CoderClient c, WorkspaceJson.Workspace ws, Map<String, String> hosts) throws CoderException {
    List<AgentSection> out = new ArrayList<>();
    if (ws.agents().isEmpty()) {
      return out;
    }
    Apps apps = Apps.of(c);
    for (WorkspaceJson.Agent a : ws.agents()) {
      String host = hosts.getOrDefault(a.name(), new Workspaces.Target(ws, a).hostname("coder"));
      List<ListeningPort> ports = List.of();
      String note = "";
      try {
        ports = new Ports(c).of(a);
      } catch (CoderException e) {
        note = "Ports unavailable: " + e.getMessage();
      }
      out.add(new AgentSection(a.name(), host, ports, apps.of(ws, a, host), note));
    }
    return out;
  }

  /** Starts a stopped workspace or stops a running one, following the build to its end. */
  public void startOrStop() {
    if (client.isEmpty() || busy.get()) {
      return;
    }
    Transition t = status.get().equals("running") ? Transition.STOP : Transition.START;
    int gen = generation;
    CoderClient c = client.get();
    String name = workspace;
    busy.set(true);
    message.set((t == Transition.START ? "Starting " : "Stopping ") + name + "…");
    submit(
        () -> {
          try {
            WorkspaceJson.Workspace ws = new Workspaces(c).find(WorkspaceName.parse(name, "coder"));
            WorkspaceJson.Build b = new Builds(c).create(ws, t);
            ui.post(() -> onBuild(c, b, gen));
          } catch (CoderException | Workspaces.NotFoundException | RuntimeException e) {
            ui.post(() -> failed(gen, e.getMessage()));
          }
        });
  }

  private void onBuild(CoderClient c, WorkspaceJson.Build b, int gen) {
    if (gen != generation) {
      return;
    }
    status.set(b.status());
    if (!Builds.finished(b)) {
      message.set("Build #" + b.buildNumber() + ": " + b.status() + "…");
      try {
        workers.schedule(
            () -> {
              try {
                WorkspaceJson.Build next = new Builds(c).get(b.id());
                ui.post(() -> onBuild(c, next, gen));
              } catch (CoderException e) {
                ui.post(() -> failed(gen, e.getMessage()));
              }
            },
            Builds.POLL);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        LOG.fine("workers closed; stopped following the build");
      }
      return;
    }
    busy.set(false);
    String failure = Builds.failure(b);
    message.set(failure.isEmpty() ? "" : capitalised(failure));
    if (failure.isEmpty()) {
      // The agents changed (gone after a stop, new after a start); a failed build left them.
      agents.set(List.of());
    }
    refresh();
  }

  /** Runs {@code task} on the workers; once they are shut down (the app quits) it is dropped. */
  private void submit(Runnable task) {
    try {
      workers.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.fine("workers closed; dropped a workspace request");
    }
  }

  private void failed(int gen, String why) {
    if (gen != generation) {
      return;
    }
    busy.set(false);
    message.set(why == null ? "The request failed." : why);
  }

  /** Opens an app (the browser, its own handler, a terminal). */
  public void launch(AppLink link) {
    run(Launch.command(link, link.needsToken() ? deployment.token().orElse("") : ""));
  }

  /** Opens {@code http://<host>:<port>/} in the browser. */
  public void openPort(AgentSection agent, ListeningPort port) {
    run(Launch.url(port.url(agent.hostname())));
  }

  private void run(List<String> command) {
    try {
      opener.run(command);
    } catch (IOException e) {
      LOG.warning("could not run " + command.get(0) + ": " + e.getMessage());
      message.set("Could not run " + command.get(0) + ": " + e.getMessage());
    }
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
