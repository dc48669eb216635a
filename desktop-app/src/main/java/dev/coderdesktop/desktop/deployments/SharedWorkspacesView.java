// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.deployments;

import dev.coderdesktop.coder.sdk.workspace.WorkspaceJson;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * "Shared with you": the workspaces other users shared, listed apart from the user's own, as
 * owner/name with the build's status and an "Open" link to the dashboard (they have no {@code
 * .coder} names: the tailnet's workspace feed carries only the user's own). Hidden when there are
 * none, which includes deployments without workspace sharing. Build and use on the UI thread.
 */
public final class SharedWorkspacesView {

  private final VBox root = new VBox(2);
  private final VBox rows = new VBox(0);
  private final DeploymentsViewModel vm;
  private final Consumer<String> open;

  /**
   * Builds the section.
   *
   * @param open opens a URL in the browser
   */
  public SharedWorkspacesView(DeploymentsViewModel vm, Consumer<String> open) {
    this.vm = vm;
    this.open = open;
    Label title = new Label("Shared with you");
    title.getStyleClass().add("muted");
    rows.setId("sharedWorkspaces");
    root.getChildren().addAll(new Separator(), title, rows);
    root.setId("sharedSection");
    vm.shared().addListener((ListChangeListener<WorkspaceJson.Workspace>) c -> rebuild());
    rebuild();
  }

  /** The node to put in the tray window. */
  public Node root() {
    return root;
  }

  private void rebuild() {
    rows.getChildren().clear();
    for (WorkspaceJson.Workspace w : vm.shared()) {
      Label name = new Label(w.ownerName() + "/" + w.name());
      String status = w.latestBuild().status();
      Label state = new Label(status == null ? "" : status);
      state.getStyleClass().add("muted");
      Region grow = new Region();
      HBox.setHgrow(grow, Priority.ALWAYS);
      Hyperlink link = new Hyperlink("Open");
      link.setId("openShared-" + w.ownerName() + "-" + w.name());
      link.setOnAction(e -> vm.dashboard(w).ifPresent(open));
      HBox row = new HBox(6, name, state, grow, link);
      row.setAlignment(Pos.CENTER_LEFT);
      rows.getChildren().add(row);
    }
    boolean any = !vm.shared().isEmpty();
    root.setVisible(any);
    root.setManaged(any);
    if (root.getScene() != null && root.getScene().getWindow() != null) {
      root.getScene().getWindow().sizeToScene();
    }
  }
}
