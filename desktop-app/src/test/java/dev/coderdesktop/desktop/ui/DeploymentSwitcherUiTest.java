// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.signin.FileTokenStore;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.desktop.DesktopWindows;
import dev.coderdesktop.desktop.fixtures.Await;
import dev.coderdesktop.desktop.fixtures.FakeCoder;
import dev.coderdesktop.desktop.fixtures.FakeVpnService;
import dev.coderdesktop.desktop.fixtures.Peers;
import dev.coderdesktop.desktop.fixtures.Scenes;
import dev.coderdesktop.desktop.fixtures.Screenshots;
import dev.coderdesktop.desktop.fixtures.TestDeps;
import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.threading.Workers;
import dev.coderdesktop.vpn.proto.wire.StartRequest;
import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
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
 * The deployment switcher in the real tray window (TestFX, headless), signed in to two fake
 * deployments: "a" without workspace sharing, "b" (current) where bob shared a workspace. Switching
 * with CoderVPN on moves it (a Stop, then a Start for the other deployment); "Add…" opens the
 * sign-in window; signing out of one leaves the other current. Screenshots for the docs.
 */
@Timeout(60)
@ExtendWith(ApplicationExtension.class)
class DeploymentSwitcherUiTest {

  @TempDir static Path dir;
  private static int seq;

  private FakeVpnService service;
  private FakeCoder a;
  private FakeCoder b;
  private TestDeps.Opened windows;
  private DesktopWindows app;
  private FileTokenStore tokens;
  private final List<String> opened = new CopyOnWriteArrayList<>();

  @Start
  void start(Stage stage) throws Exception {
    Path home = Files.createDirectories(dir.resolve("home" + seq++));
    service = new FakeVpnService(home.resolve("vpn.sock"));
    service.peers(
        Peers.builder()
            .workspace("dev", Workspace.Status.RUNNING)
            .agent("dev", "main", Duration.ofSeconds(4), 12)
            .build());
    a = new FakeCoder();
    b = new FakeCoder();
    b.shared(
        "[{\"id\":\"7b6f6b2e-0000-4000-8000-0000000000aa\",\"name\":\"api\",\"owner_name\":\"bob\","
            + "\"latest_build\":{\"id\":\"7b6f6b2e-0000-4000-8000-0000000000ab\","
            + "\"status\":\"running\",\"resources\":[]}}]");
    tokens = new FileTokenStore(home.resolve("credentials"));
    tokens.save(signIn(a));
    tokens.save(signIn(b));
    TestDeps deps = new TestDeps(home, Workers.logging("ui-test-worker", 2));
    deps.tokens = tokens;
    deps.browser = opened::add;
    windows = deps.open(stage, tokens.load());
    app = windows.app();
  }

  @AfterEach
  void stop() throws Exception {
    windows.close();
    service.close();
    a.close();
    b.close();
  }

  private static SignIn signIn(FakeCoder c) throws Exception {
    return new SignIn(DeploymentUrl.parse(c.url()), SessionToken.of(FakeCoder.GOOD_TOKEN));
  }

  private static String authority(FakeCoder c) {
    return c.url().substring(c.url().indexOf("://") + 3);
  }

  private <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get();
  }

  private void await(AppState want) throws Exception {
    Await.until(
        "state " + want,
        () -> fx(() -> app.vpn().status().get().state()) == want,
        () -> {
          try {
            return fx(() -> app.vpn().status().get());
          } catch (Exception e) {
            return e;
          }
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  @SuppressWarnings("unchecked")
  private ComboBox<DeploymentUrl> combo(FxRobot robot) {
    return robot.lookup("#deployments").queryAs(ComboBox.class);
  }

  @Test
  @DisplayName("lists both deployments with the current one picked; switching moves CoderVPN")
  void switchMovesVpn(FxRobot robot) throws Exception {
    await(AppState.OFF);
    ComboBox<DeploymentUrl> combo = combo(robot);
    Await.until("two deployments", () -> fx(() -> combo.getItems().size()) == 2, () -> "");
    assertEquals(DeploymentUrl.parse(b.url()), fx(combo::getValue));
    assertEquals(authority(b), fx(() -> combo.getButtonCell().getText()));
    Await.until(
        "bob's shared workspace",
        () -> Scenes.shown(robot.lookup("#sharedSection").query()),
        () -> "");
    // Pressed where it is found: the shared list re-renders when the sign-in settles.
    Scenes.press(robot, "#openShared-bob-api", b -> true);
    assertEquals(List.of(b.url() + "/@bob/api"), opened);

    robot.clickOn("#vpnToggle");
    await(AppState.ON);
    assertEquals(b.url(), service.starts.poll(5, TimeUnit.SECONDS).getCoderUrl());
    Screenshots.save(app.trayStage().getScene(), "deployment-switcher");

    robot.clickOn("#deployments");
    robot.clickOn(authority(a));
    Await.until(
        "CoderVPN started for a",
        () -> !service.starts.isEmpty(),
        () -> "stops " + service.stops.get());
    StartRequest moved = service.starts.poll();
    assertEquals(a.url(), moved.getCoderUrl());
    assertEquals(FakeCoder.GOOD_TOKEN, moved.getApiToken());
    assertEquals(1, service.stops.get(), "the old deployment's tunnel was stopped first");
    await(AppState.ON);
    assertEquals(DeploymentUrl.parse(a.url()), fx(() -> app.vpn().signIn().get().url()));
    assertEquals(DeploymentUrl.parse(a.url()), tokens.index().current().orElseThrow());
    Await.until(
        "the shared section hides (a has no sharing)",
        () -> !Scenes.shown(robot.lookup("#sharedSection").query()),
        () -> "");
    Screenshots.save(app.trayStage().getScene(), "deployment-switched");
  }

  @Test
  @DisplayName(
      "with CoderVPN off a switch changes the current deployment only; the CLI's is followed")
  void switchWhileOff(FxRobot robot) throws Exception {
    await(AppState.OFF);
    DeploymentUrl first = DeploymentUrl.parse(a.url());
    robot.interact(() -> combo(robot).setValue(first));
    Await.until(
        "a is current", () -> tokens.index().current().orElseThrow().equals(first), () -> "");
    await(AppState.OFF);
    assertTrue(service.starts.isEmpty());
    assertEquals(0, service.stops.get());
    assertEquals(first, fx(() -> app.vpn().signIn().get().url()));

    // As 'coder-desktop use' does from a terminal; the tray follows when its window is shown.
    DeploymentUrl second = DeploymentUrl.parse(b.url());
    tokens.use(second);
    robot.interact(app::showTray);
    Await.until(
        "the tray follows the CLI to b",
        () -> second.equals(fx(() -> app.vpn().signIn().get().url())),
        () -> "");
    Await.until(
        "the switcher shows b", () -> second.equals(fx(() -> combo(robot).getValue())), () -> "");
  }

  @Test
  @DisplayName("Add… opens the sign-in window; signing out of one leaves the other current")
  void addAndSignOut(FxRobot robot) throws Exception {
    await(AppState.OFF);
    robot.clickOn("#addDeployment");
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(fx(() -> app.signInStage().isShowing()));
    robot.interact(() -> app.signInStage().hide());
    robot.clickOn(robot.lookup("#signOut").queryAs(Hyperlink.class));
    Await.until(
        "a is current after signing out of b",
        () -> {
          SignIn s = fx(() -> app.vpn().signIn().get());
          return s != null && s.url().equals(DeploymentUrl.parse(a.url()));
        },
        () -> "");
    await(AppState.OFF);
    Await.until(
        "one deployment left", () -> fx(() -> combo(robot).getItems().size()) == 1, () -> "");
    assertFalse(tokens.index().contains(DeploymentUrl.parse(b.url())));
  }
}
