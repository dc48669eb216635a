// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.settings;

import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The settings window's content: start on login, connect on launch, notifications, stop on quit,
 * and extra headers, checked before {@code onSave} hears them; a bad header line is shown inline.
 * UI thread only.
 */
public final class SettingsView {

  private final VBox root = new VBox(10);
  private final CheckBox startOnLogin = new CheckBox("Start Coder Desktop when I log in");
  private final CheckBox connectOnLaunch =
      new CheckBox("Turn CoderVPN on when Coder Desktop starts");
  private final CheckBox notifications = new CheckBox("Show desktop notifications");
  private final CheckBox stopOnQuit = new CheckBox("Turn CoderVPN off when I quit Coder Desktop");
  private final CheckBox allowInsecureHttp =
      new CheckBox("Allow insecure HTTP (http:// to another machine sends the token unencrypted)");
  private final TextArea headers = new TextArea();
  private final Label error = new Label();

  /**
   * @param current the settings to show
   * @param tokenStore where the token is kept, shown for the user's information
   * @param onSave hears valid settings
   */
  public SettingsView(Settings current, String tokenStore, Consumer<Settings> onSave) {
    root.setPadding(new Insets(16));
    root.setPrefWidth(420);
    Label title = new Label("Settings");
    title.getStyleClass().add("title");
    startOnLogin.setId("startOnLogin");
    connectOnLaunch.setId("connectOnLaunch");
    notifications.setId("notifications");
    stopOnQuit.setId("stopOnQuit");
    allowInsecureHttp.setId("allowInsecureHttp");
    allowInsecureHttp.setWrapText(true);
    headers.setId("headers");
    headers.setPrefRowCount(4);
    headers.setPromptText("X-Example: value");
    Label headersHelp =
        new Label(
            "Extra HTTP headers for your deployment, one \"Name: Value\" per line, sent as written"
                + " (for a proxy in front of Coder).");
    headersHelp.setWrapText(true);
    headersHelp.getStyleClass().add("muted");
    Label store = new Label("Your session token is kept in " + tokenStore + ".");
    store.setWrapText(true);
    store.getStyleClass().add("muted");
    error.setId("settingsError");
    error.getStyleClass().add("error");
    error.setWrapText(true);
    Button save = new Button("Save");
    save.setId("saveSettings");
    save.setDefaultButton(true);
    save.setOnAction(
        e -> {
          Map<String, String> h;
          try {
            h = Headers.parse(headers.getText());
          } catch (HeaderException ex) {
            error.setText(ex.getMessage());
            return;
          }
          error.setText("");
          onSave.accept(
              new Settings(
                  startOnLogin.isSelected(),
                  connectOnLaunch.isSelected(),
                  h,
                  notifications.isSelected(),
                  stopOnQuit.isSelected(),
                  allowInsecureHttp.isSelected()));
        });
    HBox buttons = new HBox(8, save);
    buttons.setAlignment(Pos.CENTER_RIGHT);
    root.getChildren()
        .addAll(
            title,
            startOnLogin,
            connectOnLaunch,
            notifications,
            stopOnQuit,
            allowInsecureHttp,
            headersHelp,
            headers,
            store,
            error,
            buttons);
    show(current);
  }

  /** Shows {@code s}. */
  public void show(Settings s) {
    startOnLogin.setSelected(s.startOnLogin());
    connectOnLaunch.setSelected(s.connectOnLaunch());
    notifications.setSelected(s.notifications());
    stopOnQuit.setSelected(s.stopOnQuit());
    allowInsecureHttp.setSelected(s.allowInsecureHttp());
    headers.setText(s.headersText());
    error.setText("");
  }

  /** The node to put in a scene. */
  public Parent root() {
    return root;
  }
}
