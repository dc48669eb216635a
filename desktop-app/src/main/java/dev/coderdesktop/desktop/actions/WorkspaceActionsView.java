// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.actions;

import dev.coderdesktop.coder.sdk.workspace.AppLink;
import dev.coderdesktop.coder.sdk.workspace.ListeningPort;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The actions window's content: the workspace's name and status with a Start or Stop button and a
 * progress or failure line, then per agent its listening ports (one click opens {@code
 * http://<host>:<port>/}) and its apps (one click each). Binds to a {@link WorkspaceActionsModel};
 * build and use it on the UI thread.
 */
public final class WorkspaceActionsView {

  private final WorkspaceActionsModel model;
  private final VBox root = new VBox(10);
  private final VBox sections = new VBox(12);

  /** Builds the view over {@code model}. */
  public WorkspaceActionsView(WorkspaceActionsModel model) {
    this.model = model;
    build();
  }

  /** The root node. */
  public Parent root() {
    return root;
  }

  private void build() {
    root.setPadding(new Insets(14));
    root.setPrefWidth(420);
    root.getStyleClass().add("workspace-actions");
    Label title = new Label();
    title.setId("actions-title");
    title.getStyleClass().add("workspace-name");
    title.textProperty().bind(model.title());
    Label status = new Label();
    status.setId("actions-status");
    status.textProperty().bind(model.status());
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    Button startStop = new Button();
    startStop.setId("start-stop");
    startStop
        .textProperty()
        .bind(
            javafx.beans.binding.Bindings.when(model.status().isEqualTo("running"))
                .then("Stop")
                .otherwise("Start"));
    startStop
        .disableProperty()
        .bind(
            model
                .busy()
                .or(model.status().isEqualTo(""))
                .or(
                    model
                        .status()
                        .isNotEqualTo("running")
                        .and(model.status().isNotEqualTo("stopped"))
                        .and(model.status().isNotEqualTo("failed"))));
    startStop.setOnAction(e -> model.startOrStop());
    HBox head = new HBox(8, title, status, grow, startStop);
    head.setAlignment(Pos.CENTER_LEFT);
    Label message = new Label();
    message.setId("actions-message");
    message.setWrapText(true);
    message.textProperty().bind(model.message());
    message.visibleProperty().bind(model.message().isNotEmpty());
    message.managedProperty().bind(message.visibleProperty());
    root.getChildren().addAll(head, message, sections);
    model.agents().addListener((o, was, now) -> show(now));
    show(model.agents().get());
  }

  private void show(List<AgentSection> agents) {
    sections.getChildren().clear();
    if (agents.isEmpty()) {
      Label none = new Label("No running agents: start the workspace for its ports and apps.");
      none.setId("no-agents");
      none.setWrapText(true);
      none.getStyleClass().add("hostname");
      none.visibleProperty().bind(model.status().isNotEqualTo("running"));
      sections.getChildren().add(none);
      return;
    }
    for (AgentSection a : agents) {
      sections.getChildren().add(section(a));
    }
  }

  private VBox section(AgentSection a) {
    Label head = new Label(a.agent() + " · " + a.hostname());
    head.getStyleClass().add("hostname");
    FlowPane ports = new FlowPane(6, 6);
    ports.setId("ports-" + a.agent());
    for (ListeningPort p : a.ports()) {
      Button b = new Button(p.port() + (p.processName().isEmpty() ? "" : " · " + p.processName()));
      b.getStyleClass().add("port-button");
      b.setUserData(p.url(a.hostname()));
      b.setTooltip(new Tooltip("Open " + p.url(a.hostname())));
      b.setOnAction(e -> model.openPort(a, p));
      ports.getChildren().add(b);
    }
    Label portsNote =
        new Label(!a.note().isEmpty() ? a.note() : a.ports().isEmpty() ? "No listening ports" : "");
    portsNote.getStyleClass().add("hostname");
    portsNote.setVisible(!portsNote.getText().isEmpty());
    portsNote.setManaged(portsNote.isVisible());
    FlowPane apps = new FlowPane(6, 6);
    apps.setId("apps-" + a.agent());
    for (AppLink l : a.apps()) {
      Button b = new Button(l.label());
      b.getStyleClass().add("app-button");
      b.setUserData(l.slug());
      b.setTooltip(
          new Tooltip(l.kind() == AppLink.Kind.TERMINAL ? "ssh " + l.target() : l.target()));
      b.setOnAction(e -> model.launch(l));
      apps.getChildren().add(b);
    }
    return new VBox(6, head, new Label("Ports"), ports, portsNote, new Label("Apps"), apps);
  }
}
