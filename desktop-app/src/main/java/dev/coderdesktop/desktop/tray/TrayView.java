// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.tray;

import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.desktop.notify.Notice;
import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.state.AppStatus;
import dev.coderdesktop.desktop.workspaces.WorkspaceList;
import dev.coderdesktop.desktop.workspaces.WorkspaceRow;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The tray window's content: the CoderVPN toggle with its status or progress text, the workspace
 * list with copy buttons and "Show all", and the dashboard, settings, sign-out and quit links. It
 * only binds to a {@link VpnViewModel}; build and use it on the UI thread.
 */
public final class TrayView {

  /** Row height assumed for sizing the list (cells are one or two lines). */
  private static final double ROW_HEIGHT = 40;

  private static final double MAX_LIST_HEIGHT = 6 * ROW_HEIGHT;

  private final VpnViewModel vm;
  private final TrayActions actions;
  private final VBox root = new VBox(8);
  private final ToggleButton toggle = new ToggleButton("Off");
  private final Label status = new Label();
  private final ProgressIndicator progress = new ProgressIndicator();
  private final ListView<WorkspaceRow> list = new ListView<>();
  private final VBox empty = new VBox(2);
  private final Hyperlink showMore = new Hyperlink();
  private final Label copied = new Label();
  private final PauseTransition copiedTimer = new PauseTransition(Duration.seconds(2));
  private final Set<UUID> expanded = new HashSet<>();
  private final VBox signedIn = new VBox(8);
  private final VBox listSection = new VBox(6);
  private final VBox signedOut = new VBox(8);

  private final Label notice = new Label();

  /** Builds the view, without a notice line. */
  public TrayView(VpnViewModel vm, TrayActions actions) {
    this(vm, actions, new javafx.beans.property.SimpleObjectProperty<Notice>());
  }

  /**
   * Builds the view.
   *
   * @param latest the latest notification, shown under the status until the next one
   */
  public TrayView(VpnViewModel vm, TrayActions actions, ReadOnlyObjectProperty<Notice> latest) {
    this.vm = vm;
    this.actions = actions;
    build();
    notice.setId("notice");
    notice.setWrapText(true);
    notice.setMinHeight(Region.USE_PREF_SIZE);
    notice.getStyleClass().add("notice");
    latest.addListener((o, was, now) -> showNotice(now));
    showNotice(latest.get());
    vm.status().addListener((o, was, now) -> show(now));
    vm.signIn().addListener((o, was, now) -> show(vm.status().get()));
    WorkspaceList w = vm.workspaces();
    w.hidden().addListener((o, was, now) -> show(vm.status().get()));
    w.total().addListener((o, was, now) -> show(vm.status().get()));
    w.showAll().addListener((o, was, now) -> show(vm.status().get()));
    w.visible().addListener((javafx.collections.ListChangeListener<WorkspaceRow>) c -> size());
    show(vm.status().get());
  }

  /** The node to put in a scene. */
  public Parent root() {
    return root;
  }

  /**
   * Adds the deployment switcher (above the status) and the workspaces shared with the user (under
   * the workspace list); both show only while signed in, with the rest of that part.
   */
  public void addDeploymentViews(javafx.scene.Node switcher, javafx.scene.Node shared) {
    signedIn.getChildren().addFirst(switcher);
    signedIn.getChildren().add(signedIn.getChildren().indexOf(listSection) + 1, shared);
  }

  private void build() {
    root.setPadding(new Insets(12));
    root.setPrefWidth(360);
    root.getStyleClass().add("tray");

    Label title = new Label("Coder Connect");
    title.getStyleClass().add("title");
    toggle.setId("vpnToggle");
    toggle.getStyleClass().add("vpn-toggle");
    toggle.setOnAction(e -> vm.setVpnOn(toggle.isSelected()));
    progress.setPrefSize(16, 16);
    progress.setMaxSize(16, 16);
    HBox header = new HBox(8, title, grow(), progress, toggle);
    header.setAlignment(Pos.CENTER_LEFT);

    status.setId("statusText");
    status.setWrapText(true);
    status.setMinHeight(Region.USE_PREF_SIZE);
    status.getStyleClass().add("muted");

    list.setId("workspaces");
    // Keyboard path: Tab to the list, arrows move, Enter copies, Right/Left open and close a
    // workspace's agents.
    list.setFocusTraversable(true);
    list.setOnKeyPressed(this::key);
    list.setCellFactory(
        v -> new WorkspaceCell(this::copy, actions::showWorkspace, expanded, this::relayout));
    list.setItems(vm.workspaces().visible());

    Label none = new Label("You have no workspaces yet.");
    none.getStyleClass().add("muted");
    Hyperlink create = new Hyperlink("Create workspace");
    create.setId("createWorkspace");
    create.setOnAction(e -> dashboard("/templates"));
    empty.getChildren().addAll(none, create);

    showMore.setId("showMore");
    showMore.setOnAction(e -> vm.workspaces().showAll().set(!vm.workspaces().showAll().get()));

    copied.setId("copied");
    copied.getStyleClass().add("confirm");
    copiedTimer.setOnFinished(e -> copied.setText(""));

    Hyperlink dashboard = link("dashboard", "Open dashboard", () -> dashboard(""));
    Hyperlink settings = link("settings", "Settings…", actions::showSettings);
    Hyperlink signOut = link("signOut", "Sign out", vm::signOut);
    Hyperlink quit = link("quit", "Quit", actions::quit);
    VBox links = new VBox(0, dashboard, settings, signOut, quit);
    links.getStyleClass().add("link-row");
    copied.visibleProperty().bind(copied.textProperty().isNotEmpty());
    copied.managedProperty().bind(copied.visibleProperty());
    listSection.getChildren().addAll(new Separator(), list, empty, showMore, copied);
    signedIn.getChildren().addAll(status, notice, listSection);

    Label hello = new Label("Sign in to your Coder deployment to reach your workspaces.");
    hello.setWrapText(true);
    hello.getStyleClass().add("muted");
    Button signIn = new Button("Sign in…");
    signIn.setId("signIn");
    signIn.setDefaultButton(true);
    signIn.setOnAction(e -> actions.showSignIn());
    Hyperlink quit2 = link("quitSignedOut", "Quit", actions::quit);
    signedOut.getChildren().addAll(hello, signIn, new Separator(), quit2);

    root.getChildren().addAll(header, signedIn, signedOut);
    VBox.setVgrow(list, Priority.NEVER);
    links.managedProperty().bind(links.visibleProperty());
    signedIn.getChildren().addAll(new Separator(), links);
  }

  private void show(AppStatus s) {
    AppState st = s.state();
    boolean in = st != AppState.SIGNED_OUT;
    visible(signedIn, in);
    visible(signedOut, !in);
    toggle.setSelected(st.toggleOn());
    toggle.setText(st.toggleOn() ? "On" : "Off");
    toggle.setDisable(!st.toggleEnabled());
    visible(progress, st == AppState.CONNECTING || st == AppState.DISCONNECTING);
    status.setText(describe(s));
    status.getStyleClass().remove("error");
    if (st == AppState.ERROR || st == AppState.SERVICE_UNAVAILABLE) {
      status.getStyleClass().add("error");
    }
    WorkspaceList w = vm.workspaces();
    boolean on = st == AppState.ON;
    visible(listSection, on);
    visible(list, on && w.total().get() > 0);
    visible(empty, on && w.total().get() == 0);
    int hidden = w.hidden().get();
    boolean all = w.showAll().get();
    visible(showMore, on && (hidden > 0 || all && w.total().get() > WorkspaceList.COLLAPSED_ROWS));
    showMore.setText(all ? "Show less" : "Show all (" + hidden + " more)");
    size();
  }

  private static String describe(AppStatus s) {
    String d = sentence(s.detail());
    return switch (s.state()) {
      case SIGNED_OUT -> "Signed out.";
      case SERVICE_UNAVAILABLE -> d.isEmpty() ? "The Coder Desktop service is not running." : d;
      case OFF -> "CoderVPN is off. Turn it on to reach your workspaces.";
      case CONNECTING -> d.isEmpty() ? "Starting CoderVPN…" : d;
      case ON -> d.isEmpty() ? "CoderVPN is on." : "CoderVPN is on. Note: " + d;
      case DISCONNECTING -> d.isEmpty() ? "Stopping CoderVPN…" : d;
      case ERROR -> d;
    };
  }

  /** Messages from the service and the JDK start in lower case; the window shows sentences. */
  private static String sentence(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private void size() {
    int n = vm.workspaces().visible().size();
    double h = Math.min(MAX_LIST_HEIGHT, Math.max(1, n) * ROW_HEIGHT + expanded.size() * 30);
    list.setPrefHeight(h);
    list.setMinHeight(list.isVisible() ? h : 0);
    if (root.getScene() != null && root.getScene().getWindow() != null) {
      root.getScene().getWindow().sizeToScene();
    }
  }

  private void key(KeyEvent e) {
    WorkspaceRow row = list.getSelectionModel().getSelectedItem();
    if (row == null) {
      return;
    }
    if (e.getCode() == KeyCode.ENTER && !row.hostname().isEmpty()) {
      copy(row.hostname());
      e.consume();
    } else if (e.getCode() == KeyCode.RIGHT && row.multiAgent() && expanded.add(row.id())) {
      relayout();
      e.consume();
    } else if (e.getCode() == KeyCode.LEFT && expanded.remove(row.id())) {
      relayout();
      e.consume();
    }
  }

  private void showNotice(Notice n) {
    notice.setText(n == null ? "" : n.summary() + ". " + n.body());
    visible(notice, n != null);
    size();
  }

  private void relayout() {
    list.refresh();
    size();
  }

  private void copy(String host) {
    ClipboardContent c = new ClipboardContent();
    c.putString(host);
    Clipboard.getSystemClipboard().setContent(c);
    copied.setText("Copied " + host + " to the clipboard.");
    copiedTimer.playFromStart();
  }

  private void dashboard(String path) {
    SignIn s = vm.signIn().get();
    if (s != null) {
      actions.open(s.url().toString() + path);
    }
  }

  private static Hyperlink link(String id, String text, Runnable action) {
    Hyperlink h = new Hyperlink(text);
    h.setId(id);
    h.setOnAction(e -> action.run());
    return h;
  }

  private static void visible(javafx.scene.Node n, boolean v) {
    n.setVisible(v);
    n.setManaged(v);
  }

  private static Region grow() {
    Region r = new Region();
    HBox.setHgrow(r, Priority.ALWAYS);
    return r;
  }
}
