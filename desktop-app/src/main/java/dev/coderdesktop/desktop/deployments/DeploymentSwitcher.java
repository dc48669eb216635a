// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.deployments;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The tray window's deployment row: a drop-down of the signed-in deployments (by host, and port
 * when there is one) with the current one selected, and "Add deployment…", which opens the sign-in
 * window. Picking another deployment switches to it. Build and use on the UI thread.
 */
public final class DeploymentSwitcher {

  private final HBox root = new HBox(6);
  private final ComboBox<DeploymentUrl> combo = new ComboBox<>();
  private boolean updating;

  /**
   * Builds the row.
   *
   * @param add what "Add deployment…" does (show the sign-in window)
   */
  public DeploymentSwitcher(DeploymentsViewModel vm, Runnable add) {
    Label label = new Label("Deployment");
    label.getStyleClass().add("muted");
    combo.setId("deployments");
    combo.setItems(vm.deployments());
    // The converter too: the button shows the value through it when the value came before the
    // items.
    combo.setConverter(
        new javafx.util.StringConverter<>() {
          @Override
          public String toString(DeploymentUrl u) {
            return label(u);
          }

          @Override
          public DeploymentUrl fromString(String text) {
            throw new UnsupportedOperationException("the drop-down is not editable");
          }
        });
    combo.setCellFactory(v -> new Cell());
    combo.setButtonCell(new Cell());
    combo.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(combo, Priority.ALWAYS);
    Hyperlink addLink = new Hyperlink("Add…");
    addLink.setId("addDeployment");
    addLink.setOnAction(e -> add.run());
    root.setAlignment(Pos.CENTER_LEFT);
    root.getChildren().addAll(label, combo, addLink);
    root.setId("deploymentRow");

    combo
        .valueProperty()
        .addListener(
            (o, was, now) -> {
              if (!updating) {
                vm.choose(now);
              }
            });
    vm.current().addListener((o, was, now) -> select(now));
    vm.deployments()
        .addListener(
            (javafx.collections.ListChangeListener<DeploymentUrl>) c -> select(vm.current().get()));
    vm.current().addListener((o, was, now) -> show(now != null));
    show(vm.current().get() != null);
    select(vm.current().get());
  }

  /** The node to put in the tray window. */
  public Node root() {
    return root;
  }

  private void select(DeploymentUrl u) {
    updating = true;
    try {
      combo.setValue(u);
    } finally {
      updating = false;
    }
  }

  private void show(boolean signedIn) {
    root.setVisible(signedIn);
    root.setManaged(signedIn);
  }

  /** What a deployment reads as in the list: its host, with the port when it has one. */
  static String label(DeploymentUrl u) {
    return u == null ? "" : u.uri().getAuthority();
  }

  private static final class Cell extends ListCell<DeploymentUrl> {
    @Override
    protected void updateItem(DeploymentUrl item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty || item == null ? null : label(item));
    }
  }
}
