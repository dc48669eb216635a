// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.ui;

import static dev.coderdesktop.desktop.fixtures.Scenes.press;
import static dev.coderdesktop.desktop.fixtures.Scenes.shown;
import static dev.coderdesktop.desktop.fixtures.Scenes.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coderdesktop.cli.LabLogs;
import dev.coderdesktop.desktop.DesktopWindows;
import dev.coderdesktop.desktop.fixtures.Await;
import dev.coderdesktop.desktop.fixtures.Screenshots;
import dev.coderdesktop.desktop.fixtures.TestDeps;
import dev.coderdesktop.desktop.settings.Settings;
import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.state.AppStatus;
import dev.coderdesktop.desktop.threading.Workers;
import dev.coderdesktop.testbed.netns.ServiceLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The tray window against the REAL service and the testbed, as root: the testbed runs three agents
 * in namespaces of their own; our service (ServiceMain, a separate process) runs in a client
 * namespace; the window signs in through its pages, turns CoderVPN on, shows the testbed's
 * hostnames, copies one, and the tunnel really carries a ping; then it turns CoderVPN off and the
 * service removes its device. The window runs on JavaFX's headless platform, as the other UI tests.
 */
@Tag("root")
@Timeout(180)
@ExtendWith(ApplicationExtension.class)
class RealServiceTest {

  private static ServiceLab lab;
  private static Path dir;

  @RegisterExtension static final LabLogs LOGS = new LabLogs(() -> lab);

  private TestDeps.Opened windows;
  private DesktopWindows app;

  @BeforeAll
  static void deployment() throws Exception {
    assumeTrue(
        ServiceLab.permitted(), "needs root for network namespaces and the service's TUN device");
    lab = ServiceLab.forThisJvm("ui");
    dir = lab.dir();
  }

  @AfterAll
  static void teardown() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  @Start
  void start(Stage stage) throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    TestDeps deps = new TestDeps(home, Workers.logging("real-ui-worker", 2));
    deps.clock = Clock.systemUTC();
    deps.socket = lab.socket();
    deps.serviceRetry = Duration.ofMillis(200);
    // The lab serves plain http:// on a lab address (not loopback): the user's consent to that is
    // the "Allow insecure HTTP" setting.
    deps.settings = new Settings(false, false, Map.of(), true, true, true);
    windows = deps.open(stage, Optional.empty());
    app = windows.app();
  }

  @AfterEach
  void stop() throws Exception {
    windows.close();
  }

  private AppState state() throws Exception {
    return status().state();
  }

  private AppStatus status() throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> app.vpn().status().get()).get();
  }

  /** The state with its detail (an ERROR's message), for a failed wait. */
  private Object safeState() {
    try {
      return status();
    } catch (Exception e) {
      return e;
    }
  }

  private void await(AppState want) throws Exception {
    Await.until("state " + want, () -> state() == want, this::safeState);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static List<String> copyTargets(FxRobot robot) {
    List<String> out = new ArrayList<>();
    for (Button b : robot.lookup(".copy-button").queryAllAs(Button.class)) {
      if (b.getScene() != null && shown(b)) {
        out.add(String.valueOf(b.getUserData()));
      }
    }
    return out;
  }

  private static String inClient(String... cmd) throws IOException, InterruptedException {
    return lab.inClient(cmd);
  }

  @Test
  @DisplayName("sign in, toggle on: the testbed's hostnames appear, copy works, ping goes; off")
  void toggleOnAgainstTheRealService(FxRobot robot) throws Exception {
    await(AppState.SIGNED_OUT);
    robot.clickOn("#signIn");
    type(robot, "#url", lab.url().toString());
    robot.clickOn("#next");
    Await.until("the token page", () -> shown(robot.lookup("#token").query()), () -> "url page");
    type(robot, "#token", lab.testbed().deployment().firstToken("alice").orElseThrow());
    robot.clickOn("#signInButton");
    await(AppState.OFF);

    robot.clickOn("#vpnToggle");
    await(AppState.ON);
    Await.until(
        "the testbed's hostnames in the list",
        () -> {
          WaitForAsyncUtils.waitForFxEvents();
          return copyTargets(robot).contains("dev.coder");
        },
        () -> copyTargets(robot));
    // The list is virtualised and re-rendered on every status (the service sends one every few
    // seconds with fresh latencies), so a cell's button can be replaced between finding it and a
    // pointer click: press it on the FX thread instead.
    // The build workspace's two agents join the tailnet independently: wait for its expander, open
    // it (the open set is kept across re-renders), then wait for both agents' names.
    Await.until(
        "the build workspace's expander",
        () -> {
          WaitForAsyncUtils.waitForFxEvents();
          return !robot.lookup(".expand-button").queryAll().isEmpty();
        },
        () -> copyTargets(robot));
    press(robot, ".expand-button", b -> true);
    List<String> all = List.of("dev.coder", "main.build.me.coder", "gpu.build.me.coder");
    Await.until(
        "every agent's hostname in the list",
        () -> {
          WaitForAsyncUtils.waitForFxEvents();
          return copyTargets(robot).containsAll(all);
        },
        () -> copyTargets(robot));
    Screenshots.save(app.trayStage().getScene(), "real-testbed-connected");

    press(robot, ".copy-button", b -> "dev.coder".equals(b.getUserData()));
    assertEquals(
        "dev.coder",
        WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get());
    assertTrue(
        robot.lookup("#copied").queryAs(Label.class).getText().contains("dev.coder"),
        "a brief confirmation");

    // The copied name resolves through the service's DNS shim and the tunnel carries a ping.
    String address = inClient("dig", "+short", "AAAA", "dev.coder", "@fd60:627a:a42b::53");
    assertTrue(address.startsWith("fd60:627a:a42b:"), address);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    boolean replied = false;
    while (!replied && System.nanoTime() < deadline) {
      try {
        inClient("ping", "-6", "-c", "1", "-W", "1", address);
        replied = true;
      } catch (IOException e) {
        // Not yet.
      }
    }
    if (!replied) {
      fail(
          "no ping reply from dev.coder ("
              + address
              + ") through the tunnel\n-- service log:\n"
              + lab.tail("service.log")
              + "\n-- agent log:\n"
              + lab.tail("testbed/agent-dev.main.log"));
    }

    robot.clickOn("#vpnToggle");
    await(AppState.OFF);
    Await.until(
        "coder0 removed",
        () -> {
          try {
            inClient("ip", "link", "show", "coder0");
            return false;
          } catch (IOException e) {
            return true;
          }
        },
        () -> "coder0 still there");
    assertNotEquals(AppState.ON, state());
  }
}
