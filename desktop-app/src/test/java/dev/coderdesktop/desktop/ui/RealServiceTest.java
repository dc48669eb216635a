// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coderdesktop.desktop.DesktopWindows;
import dev.coderdesktop.desktop.fixtures.Await;
import dev.coderdesktop.desktop.fixtures.Screenshots;
import dev.coderdesktop.desktop.secret.FileTokenStore;
import dev.coderdesktop.desktop.settings.Autostart;
import dev.coderdesktop.desktop.settings.Settings;
import dev.coderdesktop.desktop.settings.SettingsStore;
import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.threading.UiThread;
import dev.coderdesktop.desktop.threading.Workers;
import dev.coderdesktop.testbed.Testbed;
import dev.coderdesktop.testbed.TestbedMain;
import dev.coderdesktop.testbed.netns.AgentFleet;
import dev.coderdesktop.testbed.netns.NetworkLab;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
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

  private static SystemClock clock;
  private static NetworkLab lab;
  private static Testbed testbed;
  private static AgentFleet fleet;
  private static NetworkLab.Host client;

  /** Sign-in, connects and agents joining go over real sockets on a shared machine. */
  private static final Duration NETWORK = Duration.ofSeconds(30);

  private static Process service;
  private static Path dir;
  private static Path socket;
  private static URI url;

  private Workers workers;
  private DesktopWindows app;
  private final List<String> opened = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void deployment() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (System.getenv("CI") == null) {
      assumeTrue(root, "needs root for network namespaces and the service's TUN device");
    }
    assertTrue(root, "CI must run this as root");
    dir = Files.createTempDirectory("cdj-real-ui");
    clock = new SystemClock("real-ui-test");
    lab = NetworkLab.create();
    testbed = new Testbed(TestbedMain.defaultConfig(), clock);
    url = testbed.start(new InetSocketAddress(lab.hostAddress(), 0), lab.hostAddress());
    fleet = new AgentFleet(testbed.deployment(), lab, url, dir.resolve("testbed"), false);
    fleet.start();
    client = lab.addHost("ui");
    socket = dir.resolve("vpn.sock");
    String java = ProcessHandle.current().info().command().orElse("java");
    service =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                client.namespace(),
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.coderdesktop.vpn.service.ServiceMain",
                "--socket",
                socket.toString(),
                "--interface",
                "coder0")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("service.log").toFile())
            .start();
    // A JVM starting on a busy machine can take well over ten seconds to listen; give up early
    // only if the service died.
    Await.until(
        "the service's socket",
        Duration.ofSeconds(90),
        () -> Files.exists(socket) || !service.isAlive(),
        () -> "no socket yet");
    assertTrue(service.isAlive(), "the service exited:\n" + tail(dir.resolve("service.log")));
  }

  @AfterAll
  static void teardown() throws Exception {
    if (service != null) {
      service.destroy();
      if (!service.waitFor(10, TimeUnit.SECONDS)) {
        service.destroyForcibly();
      }
    }
    if (fleet != null) {
      fleet.close();
    }
    if (lab != null) {
      lab.close();
    }
    if (testbed != null) {
      testbed.close();
    }
    if (clock != null) {
      clock.shutdown();
    }
  }

  @Start
  void start(Stage stage) throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    workers = Workers.logging("real-ui-worker", 2);
    app =
        new DesktopWindows(
            stage,
            new DesktopWindows.Deps(
                UiThread.javafx(),
                workers,
                Clock.systemUTC(),
                socket,
                Duration.ofMillis(200),
                new FileTokenStore(home.resolve("credentials")),
                new SettingsStore(home.resolve("desktop.properties")),
                new Autostart(home, "coder-desktop-tray"),
                new Settings(false, false, Map.of()),
                opened::add,
                () -> {}));
    app.start(Optional.empty());
    app.showTray();
  }

  @AfterEach
  void stop() throws Exception {
    org.testfx.api.FxToolkit.cleanupStages();
    app.close();
    workers.close();
  }

  private AppState state() throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> app.vpn().status().get().state()).get();
  }

  private Object safeState() {
    try {
      return state();
    } catch (Exception e) {
      return e;
    }
  }

  private void await(AppState want) throws Exception {
    Await.until("state " + want, NETWORK, () -> state() == want, this::safeState);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Whether the node and all its ancestors are visible. */
  private static boolean shown(javafx.scene.Node n) {
    for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
      if (!p.isVisible()) {
        return false;
      }
    }
    return true;
  }

  private static void type(FxRobot robot, String query, String text) {
    TextInputControl field = robot.lookup(query).queryAs(TextInputControl.class);
    robot.interact(() -> field.setText(text));
  }

  private static void fire(FxRobot robot, String query, java.util.function.Predicate<Button> which)
      throws Exception {
    WaitForAsyncUtils.asyncFx(
            () ->
                robot.lookup(query).queryAllAs(Button.class).stream()
                    .filter(b -> b.getScene() != null && shown(b) && which.test(b))
                    .findFirst()
                    .orElseThrow()
                    .fire())
        .get();
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

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(" + e.getMessage() + ")";
    }
  }

  private static String inClient(String... cmd) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", client.namespace()));
    all.addAll(List.of(cmd));
    Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
    }
    return out.strip();
  }

  @Test
  @DisplayName("sign in, toggle on: the testbed's hostnames appear, copy works, ping goes; off")
  void toggleOnAgainstTheRealService(FxRobot robot) throws Exception {
    await(AppState.SIGNED_OUT);
    robot.clickOn("#signIn");
    type(robot, "#url", url.toString());
    robot.clickOn("#next");
    Await.until(
        "the token page", NETWORK, () -> shown(robot.lookup("#token").query()), () -> "url page");
    type(robot, "#token", testbed.deployment().firstToken("alice").orElseThrow());
    robot.clickOn("#signInButton");
    await(AppState.OFF);

    robot.clickOn("#vpnToggle");
    await(AppState.ON);
    Await.until(
        "the testbed's hostnames in the list",
        NETWORK,
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
        NETWORK,
        () -> {
          WaitForAsyncUtils.waitForFxEvents();
          return !robot.lookup(".expand-button").queryAll().isEmpty();
        },
        () -> copyTargets(robot));
    fire(robot, ".expand-button", b -> true);
    List<String> all = List.of("dev.coder", "main.build.me.coder", "gpu.build.me.coder");
    Await.until(
        "every agent's hostname in the list",
        NETWORK,
        () -> {
          WaitForAsyncUtils.waitForFxEvents();
          return copyTargets(robot).containsAll(all);
        },
        () -> copyTargets(robot));
    Screenshots.save(app.trayStage().getScene(), "real-testbed-connected");

    fire(robot, ".copy-button", b -> "dev.coder".equals(b.getUserData()));
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
              + tail(dir.resolve("service.log"))
              + "\n-- agent log:\n"
              + tail(dir.resolve("testbed").resolve("agent-dev.main.log")));
    }

    robot.clickOn("#vpnToggle");
    await(AppState.OFF);
    Await.until(
        "coder0 removed",
        NETWORK,
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
