// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.ui;

import static dev.coderdesktop.desktop.fixtures.Scenes.shown;
import static dev.coderdesktop.desktop.fixtures.Scenes.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.desktop.DesktopWindows;
import dev.coderdesktop.desktop.fixtures.Await;
import dev.coderdesktop.desktop.fixtures.FakeCoder;
import dev.coderdesktop.desktop.fixtures.FakeVpnService;
import dev.coderdesktop.desktop.fixtures.Peers;
import dev.coderdesktop.desktop.fixtures.Screenshots;
import dev.coderdesktop.desktop.fixtures.TestDeps;
import dev.coderdesktop.desktop.notify.Notice;
import dev.coderdesktop.desktop.settings.Settings;
import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.threading.Workers;
import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real windows driven through TestFX on JavaFX's headless platform (no display needed), against
 * a fake Coder deployment over HTTP and a fake service on a Unix socket. Each state is also saved
 * as a screenshot for the docs.
 */
@Timeout(60)
@ExtendWith(ApplicationExtension.class)
class DesktopUiTest {

  @TempDir static Path dir;
  private static int seq;

  private Path socket;
  private FakeVpnService service;
  private FakeCoder coder;
  private TestDeps.Opened windows;
  private DesktopWindows app;
  private final List<String> opened = new CopyOnWriteArrayList<>();
  private final List<Notice> notices = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger quits =
      new java.util.concurrent.atomic.AtomicInteger();

  @BeforeAll
  static void headless() {
    // Under CI the UI tests must really run: fail loudly if the headless platform is not in use.
    if (System.getenv("CI") != null) {
      assertEquals(
          "Headless", System.getProperty("glass.platform"), "UI tests need glass.platform");
    }
  }

  @Start
  void start(Stage stage) throws Exception {
    Path home = Files.createDirectories(dir.resolve("home" + seq++));
    socket = home.resolve("vpn.sock");
    service = new FakeVpnService(socket);
    service.peers(peers());
    coder = new FakeCoder();
    TestDeps deps = new TestDeps(home, Workers.logging("ui-test-worker", 2));
    deps.settings = new Settings(false, false, Map.of("X-Test", "1"));
    deps.browser = opened::add;
    deps.quit = quits::incrementAndGet;
    deps.notifier = notices::add;
    windows = deps.open(stage, Optional.empty());
    app = windows.app();
    app.signInStage().setX(420);
  }

  @AfterEach
  void stop() throws Exception {
    windows.close();
    service.close();
    coder.close();
  }

  private static dev.coderdesktop.vpn.proto.wire.PeerUpdate peers() {
    Peers p =
        Peers.builder()
            .workspace("dev", Workspace.Status.RUNNING)
            .agent("dev", "main", Duration.ofSeconds(4), 12)
            .workspace("big", Workspace.Status.RUNNING)
            .agent("big", "web", Duration.ofSeconds(8), 180)
            .agent("big", "db", Duration.ofSeconds(8), 30)
            .workspace("ml", Workspace.Status.RUNNING)
            .agent("ml", "main", Duration.ofMinutes(9), 40)
            .workspace("api", Workspace.Status.RUNNING)
            .agent("api", "main", null, -1)
            .workspace("docs", Workspace.Status.STOPPED)
            .workspace("web", Workspace.Status.STOPPED)
            .workspace("sandbox", Workspace.Status.STOPPED);
    return p.build();
  }

  private AppState state() throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> app.vpn().status().get().state()).get();
  }

  private void await(AppState want) throws Exception {
    Await.until("state " + want, () -> state() == want, () -> safeStatus());
    WaitForAsyncUtils.waitForFxEvents();
  }

  private Object safeStatus() {
    try {
      return WaitForAsyncUtils.asyncFx(() -> app.vpn().status().get()).get();
    } catch (Exception e) {
      return e;
    }
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }

  private void awaitError(FxRobot robot, String containing) throws Exception {
    Await.until(
        "an error containing " + containing,
        () -> text(robot, "#error").contains(containing),
        () -> text(robot, "#error"));
  }

  private void signInWithStoredToken(FxRobot robot) throws Exception {
    SignIn s = new SignIn(DeploymentUrl.parse(coder.url()), SessionToken.of(FakeCoder.GOOD_TOKEN));
    robot.interact(() -> app.vpn().signedIn(s));
    await(AppState.OFF);
  }

  // TestFX calls @Start for the top-level instance only, so the flows are flat rather than @Nested.

  @Test
  @DisplayName("URL, then a bad token is refused inline, then a good token is stored and used")
  void goodAndBadToken(FxRobot robot) throws Exception {
    await(AppState.SIGNED_OUT);
    Screenshots.save(app.trayStage().getScene(), "signed-out");
    robot.clickOn("#signIn");
    type(robot, "#url", coder.url() + "/");
    Screenshots.save(app.signInStage().getScene(), "sign-in-url");
    robot.clickOn("#next");
    Await.until("the token page", () -> shown(robot.lookup("#token").query()), () -> "url page");
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.control.Hyperlink cliAuth =
        robot.lookup("#cliAuth").queryAs(javafx.scene.control.Hyperlink.class);
    assertEquals("Get a token: " + coder.url() + "/cli-auth", cliAuth.getText());
    robot.clickOn(cliAuth);
    assertEquals(List.of(coder.url() + "/cli-auth"), opened);

    type(robot, "#token", "wrong-token-123");
    robot.clickOn("#signInButton");
    awaitError(robot, "That token was not accepted");
    assertTrue(text(robot, "#error").contains("Invalid session token"), text(robot, "#error"));
    assertEquals(AppState.SIGNED_OUT, state());
    Screenshots.save(app.signInStage().getScene(), "sign-in-token-error");

    type(robot, "#token", FakeCoder.GOOD_TOKEN);
    robot.clickOn("#signInButton");
    await(AppState.OFF);
    assertFalse(app.signInStage().isShowing(), "the sign-in window closes");
    Path creds = dir.resolve("home" + (seq - 1)).resolve("credentials");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(creds)));
    assertTrue(Files.readString(creds).contains(FakeCoder.GOOD_TOKEN));
    Screenshots.save(app.trayStage().getScene(), "vpn-off");
  }

  @Test
  @DisplayName("a server older than 2.20.0 is refused with both versions named")
  void oldServer(FxRobot robot) throws Exception {
    coder.version("v2.19.3+deadbeef");
    robot.clickOn("#signIn");
    type(robot, "#url", coder.url());
    robot.clickOn("#next");
    awaitError(robot, "v2.19.3");
    assertTrue(text(robot, "#error").contains("v2.20.0"), text(robot, "#error"));
    assertFalse(shown(robot.lookup("#token").query()), "still on the URL page");
  }

  @Test
  @DisplayName("an unreachable URL and a URL with a path are refused inline")
  void unreachable(FxRobot robot) throws Exception {
    robot.clickOn("#signIn");
    int closedPort;
    try (var s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    type(robot, "#url", "http://127.0.0.1:" + closedPort);
    robot.clickOn("#next");
    awaitError(robot, "Cannot reach");
    type(robot, "#url", "https://coder.example.com/some/path");
    robot.clickOn("#next");
    awaitError(robot, "without a path");
  }

  @Test
  @DisplayName(
      "a certificate from a CA the machine does not trust is refused naming host and reason")
  void untrustedCertificate(FxRobot robot) throws Exception {
    okhttp3.tls.HeldCertificate ca =
        new okhttp3.tls.HeldCertificate.Builder()
            .certificateAuthority(0)
            .commonName("Corp Root")
            .build();
    okhttp3.tls.HeldCertificate leaf =
        new okhttp3.tls.HeldCertificate.Builder()
            .signedBy(ca)
            .addSubjectAlternativeName("localhost")
            .build();
    try (mockwebserver3.MockWebServer https = new mockwebserver3.MockWebServer()) {
      https.useHttps(
          new okhttp3.tls.HandshakeCertificates.Builder()
              .heldCertificate(leaf)
              .build()
              .sslSocketFactory());
      https.start();
      robot.clickOn("#signIn");
      type(robot, "#url", "https://localhost:" + https.getPort());
      robot.clickOn("#next");
      awaitError(robot, "certificate of localhost");
      String shown = text(robot, "#error");
      assertTrue(shown.contains("trust"), "the reason is named: " + shown);
      assertFalse(shown(robot.lookup("#token").query()), "still on the URL page");
      Screenshots.save(app.signInStage().getScene(), "sign-in-certificate-error");
    }
  }

  @Test
  @DisplayName("plain http:// to another machine is refused until the setting allows it")
  void insecureHttp(FxRobot robot) throws Exception {
    robot.clickOn("#signIn");
    type(robot, "#url", "http://coder.example.com");
    robot.clickOn("#next");
    awaitError(robot, "unencrypted");
    assertTrue(text(robot, "#error").contains("Allow insecure HTTP"), text(robot, "#error"));
  }

  @Test
  @DisplayName("toggle on shows progress then workspaces; copy a hostname; show all; toggle off")
  void toggleAndCopy(FxRobot robot) throws Exception {
    signInWithStoredToken(robot);
    service.holdStart();
    robot.clickOn("#vpnToggle");
    await(AppState.CONNECTING);
    Await.until(
        "progress text",
        () -> text(robot, "#statusText").contains("Signing in to localhost"),
        () -> text(robot, "#statusText"));
    assertTrue(robot.lookup("#vpnToggle").queryAs(ToggleButton.class).isSelected());
    Screenshots.save(app.trayStage().getScene(), "connecting");
    service.releaseStart();
    await(AppState.ON);
    assertEquals("X-Test", service.starts.take().getHeaders(0).getName());

    ListView<?> list = robot.lookup("#workspaces").queryAs(ListView.class);
    assertEquals(5, list.getItems().size(), "five rows before Show all");
    javafx.scene.control.Labeled more =
        robot.lookup("#showMore").queryAs(javafx.scene.control.Labeled.class);
    assertTrue(more.getText().contains("2 more"), more.getText());
    Screenshots.save(app.trayStage().getScene(), "connected");

    Button copy =
        robot.lookup(".copy-button").queryAllAs(Button.class).stream()
            .filter(b -> "dev.coder".equals(b.getUserData()))
            .findFirst()
            .orElseThrow();
    robot.clickOn(copy);
    assertEquals(
        "dev.coder",
        WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get());
    assertTrue(text(robot, "#copied").contains("Copied dev.coder"), text(robot, "#copied"));

    robot.clickOn("#showMore");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(7, list.getItems().size());
    robot.clickOn(robot.lookup(".expand-button").queryAllAs(Button.class).iterator().next());
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(
        robot.lookup(".copy-button").queryAllAs(Button.class).stream()
            .anyMatch(b -> "web.big.me.coder".equals(b.getUserData())),
        "the multi-agent workspace lists its agents");
    Screenshots.save(app.trayStage().getScene(), "connected-expanded");

    robot.clickOn("#dashboard");
    assertEquals(coder.url(), opened.get(opened.size() - 1));

    robot.clickOn("#vpnToggle");
    await(AppState.OFF);
    assertFalse(list.isVisible(), "no list while off");
  }

  @Test
  @DisplayName("a failed start shows the error and the toggle is off")
  void error(FxRobot robot) throws Exception {
    signInWithStoredToken(robot);
    service.failStartWith("the deployment refused the session token");
    robot.clickOn("#vpnToggle");
    await(AppState.ERROR);
    assertTrue(
        text(robot, "#statusText").contains("the deployment refused the session token"),
        text(robot, "#statusText"));
    assertFalse(robot.lookup("#vpnToggle").queryAs(ToggleButton.class).isSelected());
    Screenshots.save(app.trayStage().getScene(), "error");
  }

  @Test
  @DisplayName("with no workspaces the window offers to create one")
  void noWorkspaces(FxRobot robot) throws Exception {
    service.peers(emptyPeers());
    signInWithStoredToken(robot);
    robot.clickOn("#vpnToggle");
    await(AppState.ON);
    Node create = robot.lookup("#createWorkspace").query();
    assertTrue(create.isVisible());
    robot.clickOn(create);
    assertEquals(coder.url() + "/templates", opened.get(opened.size() - 1));
    Screenshots.save(app.trayStage().getScene(), "connected-empty");
  }

  @Test
  @DisplayName("the service stopping shows it unavailable and clears the list; it comes back")
  void serviceGone(FxRobot robot) throws Exception {
    signInWithStoredToken(robot);
    robot.clickOn("#vpnToggle");
    await(AppState.ON);
    service.close();
    await(AppState.SERVICE_UNAVAILABLE);
    assertTrue(text(robot, "#statusText").contains("service"), text(robot, "#statusText"));
    assertFalse(robot.lookup("#workspaces").query().isVisible());
    Screenshots.save(app.trayStage().getScene(), "service-unavailable");
    service = new FakeVpnService(socket);
    await(AppState.OFF);
  }

  @Test
  @DisplayName(
      "settings: a bad header is named inline; valid ones are saved with the autostart entry")
  void settings(FxRobot robot) throws Exception {
    signInWithStoredToken(robot);
    robot.clickOn("#settings");
    type(robot, "#headers", "X-Good: 1\nnot a header");
    robot.clickOn("#startOnLogin");
    robot.clickOn("#saveSettings");
    assertEquals("Line 2: write headers as Name: Value", text(robot, "#settingsError"));
    assertTrue(app.settingsStage().isShowing());
    type(robot, "#headers", "X-Good: 1\nX-Proxy: two words");
    robot.clickOn("#saveSettings");
    assertFalse(app.settingsStage().isShowing());
    assertEquals(Map.of("X-Good", "1", "X-Proxy", "two words"), app.settings().headers());
    Path home = socket.getParent();
    Await.until(
        "the saved settings and autostart entry",
        () ->
            Files.exists(home.resolve("autostart/coder-desktop.desktop"))
                && Files.exists(home.resolve("desktop.properties")),
        () -> "not yet");
    assertTrue(Files.readString(home.resolve("desktop.properties")).contains("startOnLogin=true"));
    // The next Start carries the new headers.
    robot.clickOn("#vpnToggle");
    await(AppState.ON);
    assertEquals("X-Proxy", service.starts.take().getHeaders(1).getName());
  }

  private void turnOn(FxRobot robot) throws Exception {
    signInWithStoredToken(robot);
    robot.clickOn("#vpnToggle");
    await(AppState.ON);
  }

  private static List<Label> badges(FxRobot robot) {
    return robot.lookup(".badge").queryAllAs(Label.class).stream()
        .filter(l -> l.getScene() != null && shown(l))
        .toList();
  }

  private static String badge(FxRobot robot, String host) {
    return badges(robot).stream()
        .filter(l -> host.equals(l.getUserData()))
        .map(Label::getText)
        .findFirst()
        .orElse("(no badge for " + host + ")");
  }

  @Test
  @DisplayName("each agent shows its latency and whether it goes direct or through the relay")
  void latencyAndPath(FxRobot robot) throws Exception {
    turnOn(robot);
    assertEquals("12 ms · direct", badge(robot, "dev.coder"));
    assertTrue(
        badges(robot).stream().noneMatch(l -> "api.coder".equals(l.getUserData())),
        "no ping yet: no badge shown");
    robot.clickOn(robot.lookup(".expand-button").queryAllAs(Button.class).iterator().next());
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals("180 ms · relay", badge(robot, "web.big.me.coder"));
    assertEquals("30 ms · direct", badge(robot, "db.big.me.coder"));
    Screenshots.save(app.trayStage().getScene(), "latency-path");
  }

  @Test
  @DisplayName("keyboard: Tab into the list, arrows move, Right opens a workspace, Enter copies")
  void keyboard(FxRobot robot) throws Exception {
    turnOn(robot);
    ListView<?> list = robot.lookup("#workspaces").queryAs(ListView.class);
    robot.interact(list::requestFocus);
    robot.type(javafx.scene.input.KeyCode.HOME);
    robot.type(javafx.scene.input.KeyCode.DOWN);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(1, list.getSelectionModel().getSelectedIndex(), "Home, Down: the second row");
    robot.type(javafx.scene.input.KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    String second =
        ((dev.coderdesktop.desktop.workspaces.WorkspaceRow) list.getItems().get(1)).hostname();
    assertEquals(
        second, WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get());
    assertTrue(text(robot, "#copied").contains("Copied " + second), text(robot, "#copied"));
    // The second row is the multi-agent workspace "big" (after "api"): Right opens it.
    robot.type(javafx.scene.input.KeyCode.RIGHT);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(
        robot.lookup(".copy-button").queryAllAs(Button.class).stream()
            .anyMatch(b -> "web.big.me.coder".equals(b.getUserData()) && shown(b)),
        "Right opened the workspace's agents");
    Screenshots.save(app.trayStage().getScene(), "keyboard-navigation");
  }

  @Test
  @DisplayName("notifications: VPN dropped, workspace stopped, sign-in expired; the setting mutes")
  void notifications(FxRobot robot) throws Exception {
    turnOn(robot);
    service.peers(
        Peers.builder()
            .workspace("dev", Workspace.Status.STOPPED)
            .agent("dev", "main", Duration.ofSeconds(4), 12)
            .build());
    Await.until("a workspace-stopped notice", () -> !notices.isEmpty(), () -> notices);
    assertEquals(Notice.Kind.WORKSPACE_STOPPED, notices.get(0).kind());
    assertEquals("Workspace dev stopped", notices.get(0).summary());

    service.drop("the relay connection was lost");
    await(AppState.ERROR);
    Await.until("a VPN-dropped notice", () -> notices.size() == 2, () -> notices);
    assertEquals(Notice.Kind.VPN_DROPPED, notices.get(1).kind());
    assertTrue(
        notices.get(1).body().contains("The relay connection was lost"), notices.get(1).body());
    Label notice = robot.lookup("#notice").queryAs(Label.class);
    assertTrue(
        shown(notice) && notice.getText().startsWith("CoderVPN disconnected"), notice.getText());
    Screenshots.save(app.trayStage().getScene(), "notification");

    service.failStartWith("the deployment refused the session token (401 Unauthorized)");
    robot.clickOn("#vpnToggle");
    Await.until("a sign-in-expired notice", () -> notices.size() == 3, () -> notices);
    assertEquals(Notice.Kind.SIGN_IN_EXPIRED, notices.get(2).kind());

    // Muted: no more notices.
    robot.clickOn("#settings");
    robot.clickOn("#notifications");
    robot.clickOn("#saveSettings");
    assertFalse(app.settings().notifications());
    service.failStartWith(null);
    robot.clickOn("#vpnToggle");
    await(AppState.ON);
    service.drop("lost again");
    await(AppState.ERROR);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(3, notices.size(), "muted: " + notices);
  }

  @Test
  @DisplayName("stop on quit: Quit turns CoderVPN off before the app exits")
  void stopOnQuit(FxRobot robot) throws Exception {
    turnOn(robot);
    robot.interact(app::quit);
    Await.until("the app quit", () -> quits.get() == 1, () -> quits.get());
    assertEquals(
        dev.coderdesktop.vpn.proto.wire.Status.Lifecycle.STOPPED,
        service.lifecycle(),
        "stopped before quitting");
  }

  private static dev.coderdesktop.vpn.proto.wire.PeerUpdate emptyPeers() {
    return dev.coderdesktop.vpn.proto.wire.PeerUpdate.getDefaultInstance();
  }
}
