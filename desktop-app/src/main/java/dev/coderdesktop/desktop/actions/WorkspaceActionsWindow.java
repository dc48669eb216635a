// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.actions;

import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The window for one workspace's actions, reused for whichever workspace the tray asks for. While
 * it is showing, the ports and apps are read again every few seconds; hidden, nothing is polled. UI
 * thread only.
 */
public final class WorkspaceActionsWindow {

  /** How often the ports are refreshed while the window is open. */
  static final Duration REFRESH = Duration.seconds(5);

  private final WorkspaceActionsModel model;
  private final Stage stage;
  private final Timeline refresh;

  /** A window over {@code model} in {@code stage}, styled with {@code stylesheet}. */
  public WorkspaceActionsWindow(WorkspaceActionsModel model, Stage stage, String stylesheet) {
    this.model = model;
    this.stage = stage;
    Scene scene = new Scene(new WorkspaceActionsView(model).root());
    scene.getStylesheets().add(stylesheet);
    stage.setScene(scene);
    stage.titleProperty().bind(model.title().concat(" — Coder Desktop"));
    // The window follows its content: sections come and go with the agents.
    model.agents().addListener((o, was, now) -> stage.sizeToScene());
    refresh = new Timeline(new KeyFrame(REFRESH, e -> model.refresh()));
    refresh.setCycleCount(Timeline.INDEFINITE);
    stage
        .showingProperty()
        .addListener(
            (o, was, now) -> {
              if (now) {
                refresh.play();
              } else {
                refresh.stop();
              }
            });
  }

  /** Shows {@code workspace}'s actions; {@code agentHosts} maps agent names to host names. */
  public void show(String workspace, Map<String, String> agentHosts) {
    model.show(workspace, agentHosts);
    stage.show();
    stage.toFront();
  }

  /** The window. */
  public Stage stage() {
    return stage;
  }

  /** The model. */
  public WorkspaceActionsModel model() {
    return model;
  }
}
