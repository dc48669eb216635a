// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.signin;

import dev.coderdesktop.coder.sdk.ServerVersion;
import dev.coderdesktop.desktop.browser.Browser;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The sign-in window's content: a URL page and a token page, both bound to a {@link
 * SignInViewModel}, with the error shown inline under the field. Build and use on the UI thread.
 */
public final class SignInView {

  private final SignInViewModel vm;
  private final Browser browser;
  private final VBox root = new VBox(10);

  /** Builds the view. */
  public SignInView(SignInViewModel vm, Browser browser) {
    this.vm = vm;
    this.browser = browser;
    build();
  }

  /** The node to put in a scene. */
  public Parent root() {
    return root;
  }

  private void build() {
    root.setPadding(new Insets(16));
    root.setPrefWidth(420);

    Label title = new Label("Sign in to Coder");
    title.getStyleClass().add("title");

    // URL page.
    Label urlHelp =
        new Label(
            "Enter your deployment's URL, e.g. https://coder.example.com. Coder Desktop needs Coder "
                + ServerVersion.MINIMUM
                + " or later.");
    urlHelp.setWrapText(true);
    urlHelp.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    urlHelp.getStyleClass().add("muted");
    TextField url = new TextField();
    url.setId("url");
    url.setPromptText("https://coder.example.com");
    url.textProperty().bindBidirectional(vm.url());
    url.setOnAction(e -> vm.submitUrl());
    Button next = new Button("Next");
    next.setId("next");
    next.setDefaultButton(true);
    next.setOnAction(e -> vm.submitUrl());
    VBox urlPage = new VBox(8, urlHelp, url, buttons(next));

    // Token page.
    Label tokenHelp = new Label();
    tokenHelp.setWrapText(true);
    // Wrapped labels must keep their height, or the window's sizeToScene cuts them to one line.
    tokenHelp.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    tokenHelp.getStyleClass().add("muted");
    tokenHelp
        .textProperty()
        .bind(
            vm.url()
                .concat(" runs Coder ")
                .concat(vm.serverVersion())
                .concat(". Open the link below, sign in there, and paste the session token."));
    Hyperlink cliAuth = new Hyperlink();
    cliAuth.setId("cliAuth");
    cliAuth.setOnAction(e -> browser.open(vm.cliAuthUrl()));
    PasswordField token = new PasswordField();
    token.setId("token");
    token.setPromptText("Session token");
    token.textProperty().bindBidirectional(vm.token());
    token.setOnAction(e -> vm.submitToken());
    Button back = new Button("Back");
    back.setId("back");
    back.setOnAction(e -> vm.back());
    Button signIn = new Button("Sign in");
    signIn.setId("signInButton");
    signIn.setDefaultButton(true);
    signIn.setOnAction(e -> vm.submitToken());
    VBox tokenPage = new VBox(8, tokenHelp, cliAuth, token, buttons(back, signIn));

    Label error = new Label();
    error.setId("error");
    error.getStyleClass().add("error");
    error.setWrapText(true);
    error.textProperty().bind(vm.error());
    error.visibleProperty().bind(vm.error().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
    // A long error (a certificate problem names the host, the reason and the fix) wraps onto
    // several lines: the label keeps its full height and the window grows to show all of it.
    error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    vm.error()
        .addListener(
            (o, was, now) -> {
              if (error.getScene() != null && error.getScene().getWindow() != null) {
                error.getScene().getWindow().sizeToScene();
              }
            });

    ProgressIndicator busy = new ProgressIndicator();
    busy.setPrefSize(18, 18);
    busy.visibleProperty().bind(vm.busy());

    HBox head = new HBox(8, title, busy);
    head.setAlignment(Pos.CENTER_LEFT);
    root.getChildren().addAll(head, urlPage, tokenPage, error);
    Runnable showPage =
        () -> {
          boolean onUrl = vm.page().get() == SignInViewModel.Page.URL;
          urlPage.setVisible(onUrl);
          urlPage.setManaged(onUrl);
          tokenPage.setVisible(!onUrl);
          tokenPage.setManaged(!onUrl);
          cliAuth.setText("Get a token: " + vm.cliAuthUrl());
          if (root.getScene() != null && root.getScene().getWindow() != null) {
            root.getScene().getWindow().sizeToScene();
          }
        };
    vm.page().addListener((o, was, now) -> showPage.run());
    next.disableProperty().bind(vm.busy());
    signIn.disableProperty().bind(vm.busy());
    showPage.run();
  }

  private static HBox buttons(Button... b) {
    HBox h = new HBox(8, b);
    h.setAlignment(Pos.CENTER_RIGHT);
    return h;
  }
}
