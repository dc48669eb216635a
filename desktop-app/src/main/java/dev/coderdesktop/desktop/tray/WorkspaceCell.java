// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.tray;

import dev.coderdesktop.desktop.workspaces.AgentRow;
import dev.coderdesktop.desktop.workspaces.StatusDot;
import dev.coderdesktop.desktop.workspaces.WorkspaceRow;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * One workspace in the tray list: status dot, name, hostname, latency and path ("12 ms · relay")
 * and a copy button; a workspace with several agents has an expander that lists each agent with its
 * own dot, hostname and copy button; the \u22ef button opens the workspace's actions. UI thread
 * only, like every cell.
 */
final class WorkspaceCell extends ListCell<WorkspaceRow> {

  private final Consumer<String> copy;
  private final Consumer<WorkspaceRow> showActions;
  private final Set<UUID> expanded;
  private final Runnable relayout;

  /**
   * @param copy copies a hostname (and confirms it)
   * @param showActions opens a workspace's actions window
   * @param expanded the ids of expanded workspaces, shared by the list's cells
   * @param relayout called after expanding or collapsing, so the list resizes
   */
  WorkspaceCell(
      Consumer<String> copy,
      Consumer<WorkspaceRow> showActions,
      Set<UUID> expanded,
      Runnable relayout) {
    // Fit the list's width instead of widening it (no horizontal scroll bar).
    setPrefWidth(0);
    this.copy = copy;
    this.showActions = showActions;
    this.expanded = expanded;
    this.relayout = relayout;
  }

  @Override
  protected void updateItem(WorkspaceRow row, boolean empty) {
    super.updateItem(row, empty);
    setText(null);
    if (empty || row == null) {
      setGraphic(null);
      return;
    }
    Label name = new Label(row.name());
    name.getStyleClass().add("workspace-name");
    VBox text = new VBox(1, name);
    HBox line = new HBox(8, dot(row.dot(), row.health().label()), text, grow());
    line.setAlignment(Pos.CENTER_LEFT);
    if (row.multiAgent()) {
      boolean open = expanded.contains(row.id());
      Button toggle = new Button((open ? "▾ " : "▸ ") + row.agents().size() + " agents");
      toggle.getStyleClass().add("expand-button");
      toggle.setOnAction(
          e -> {
            if (!expanded.remove(row.id())) {
              expanded.add(row.id());
            }
            relayout.run();
          });
      line.getChildren().addAll(toggle, actionsButton(row));
      VBox box = new VBox(4, line);
      if (open) {
        for (AgentRow a : row.agents()) {
          HBox agent =
              new HBox(
                  8,
                  dot(a.health().dot(), a.health().label()),
                  hostname(a.hostname()),
                  badge(a),
                  grow());
          agent.getChildren().add(copyButton(a.hostname()));
          agent.setAlignment(Pos.CENTER_LEFT);
          agent.setPadding(new Insets(0, 0, 0, 20));
          box.getChildren().add(agent);
        }
      }
      setGraphic(box);
      return;
    }
    if (!row.hostname().isEmpty()) {
      HBox host = new HBox(6, hostname(row.hostname()), badge(row.agents().get(0)));
      host.setAlignment(Pos.CENTER_LEFT);
      text.getChildren().add(host);
      line.getChildren().add(copyButton(row.hostname()));
    }
    line.getChildren().add(actionsButton(row));
    setGraphic(line);
  }

  /** Start/stop, ports and apps of the workspace, in their own window. */
  private Button actionsButton(WorkspaceRow row) {
    Button b = new Button("⋯");
    b.getStyleClass().add("actions-button");
    b.setUserData(row.name());
    b.setTooltip(new Tooltip((row.running() ? "Stop, ports and apps of " : "Start ") + row.name()));
    b.setOnAction(e -> showActions.accept(row));
    return b;
  }

  private Button copyButton(String host) {
    Button b = new Button("Copy");
    b.getStyleClass().add("copy-button");
    b.setUserData(host);
    b.setTooltip(new Tooltip("Copy " + host));
    b.setOnAction(e -> copy.accept(host));
    return b;
  }

  /** Latency and path as text, so they do not depend on telling dot colours apart. */
  private static Label badge(AgentRow a) {
    Label l = new Label(a.badge());
    l.getStyleClass().add("badge");
    l.getStyleClass().add(a.direct().orElse(false) ? "badge-direct" : "badge-relay");
    l.setUserData(a.hostname());
    l.setVisible(!a.badge().isEmpty());
    l.setManaged(l.isVisible());
    return l;
  }

  private static Label hostname(String host) {
    Label l = new Label(host);
    l.getStyleClass().add("hostname");
    return l;
  }

  private static Circle dot(StatusDot dot, String tip) {
    Circle c = new Circle(5);
    c.getStyleClass().addAll("dot", dot.styleClass());
    Tooltip.install(c, new Tooltip(tip));
    return c;
  }

  private static Region grow() {
    Region r = new Region();
    HBox.setHgrow(r, Priority.ALWAYS);
    return r;
  }
}
