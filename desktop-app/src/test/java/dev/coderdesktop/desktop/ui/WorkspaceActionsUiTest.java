// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.desktop.Styles;
import dev.coderdesktop.desktop.actions.WorkspaceActionsModel;
import dev.coderdesktop.desktop.actions.WorkspaceActionsWindow;
import dev.coderdesktop.desktop.fixtures.Await;
import dev.coderdesktop.desktop.fixtures.Screenshots;
import dev.coderdesktop.desktop.threading.UiThread;
import dev.coderdesktop.desktop.threading.Workers;
import dev.coderdesktop.testbed.Testbed;
import dev.coderdesktop.testbed.config.TestbedConfig;
import dev.coderdesktop.testbed.deployment.AgentPorts;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workspace actions window driven through TestFX against the in-process testbed's REST API
 * (builds, listening ports, apps); the agent's machine is replaced by a fixed list of listening
 * ports. Opening links is recorded instead of run. Screenshots go to the docs.
 */
@Timeout(90)
@ExtendWith(ApplicationExtension.class)
class WorkspaceActionsUiTest {

  private static final String TOKEN = "0123456789-abcdefghijklmnopqrstuv";

  private static final SystemClock clock = new SystemClock("actions-ui-test");
  private final List<List<String>> opened = new CopyOnWriteArrayList<>();
  private static Testbed testbed;
  private static CoderClient client;
  private Workers workers;
  private WorkspaceActionsWindow window;

  /**
   * One testbed for the class, started off the FX thread (a loaded machine takes seconds to set up
   * TLS trust for the client); every test leaves the workspace running.
   */
  @BeforeAll
  static void deployment() throws Exception {
    TestbedConfig config =
        new TestbedConfig(
            "v2.24.1",
            null,
            false,
            List.of(new TestbedConfig.UserSpec("alice", List.of(TOKEN), List.of())),
            List.of(new TestbedConfig.WorkspaceSpec("dev", "alice", false, List.of("main"))));
    testbed = new Testbed(config, clock);
    URI url = testbed.start(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1");
    testbed.agentPorts(
        agent ->
            List.of(
                new AgentPorts.Port(22, "sshd"),
                new AgentPorts.Port(5173, "node"),
                new AgentPorts.Port(8080, "python3")));
    client = new CoderClient(DeploymentUrl.parse(url.toString()), SessionToken.of(TOKEN), Map.of());
  }

  @AfterAll
  static void closeDeployment() {
    testbed.close();
    clock.shutdown();
  }

  @Start
  void start(Stage stage) {
    workers = Workers.logging("actions-ui-worker", 2);
    WorkspaceActionsModel model =
        new WorkspaceActionsModel(
            UiThread.javafx(),
            workers,
            new WorkspaceActionsModel.Deployment() {
              @Override
              public Optional<CoderClient> client() {
                return Optional.of(client);
              }

              @Override
              public Optional<String> token() {
                return Optional.of(TOKEN);
              }
            },
            opened::add);
    window = new WorkspaceActionsWindow(model, stage, Styles.url());
    window.show("dev", Map.of("main", "dev.coder"));
  }

  @AfterEach
  void stop() throws Exception {
    org.testfx.api.FxToolkit.cleanupStages();
    workers.close();
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }

  private static Optional<Node> button(FxRobot robot, String styleClass, Object userData) {
    return robot.lookup("." + styleClass).queryAll().stream()
        .filter(n -> userData.equals(n.getUserData()))
        .findFirst();
  }

  private void awaitRunningWithPorts(FxRobot robot) throws Exception {
    Await.until(
        "the ports of dev",
        () -> button(robot, "port-button", "http://dev.coder:8080/").isPresent(),
        () -> text(robot, "#actions-status") + " / " + text(robot, "#actions-message"));
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  @DisplayName("ports (as Coder lists them) and apps open in one click each")
  void portsAndApps(FxRobot robot) throws Exception {
    awaitRunningWithPorts(robot);
    assertEquals("running", text(robot, "#actions-status"));
    assertEquals("Stop", robot.lookup("#start-stop").queryAs(Button.class).getText());
    List<Object> ports =
        robot.lookup(".port-button").queryAll().stream().map(Node::getUserData).toList();
    assertEquals(List.of("http://dev.coder:5173/", "http://dev.coder:8080/"), ports);
    Screenshots.save(window.stage().getScene(), "workspace-actions");

    robot.clickOn((Node) button(robot, "port-button", "http://dev.coder:8080/").get());
    robot.clickOn((Node) button(robot, "app-button", "code-server").get());
    robot.clickOn((Node) button(robot, "app-button", "-terminal").get());
    robot.clickOn((Node) button(robot, "app-button", "-vscode").get());
    Await.until("four launches", () -> opened.size() == 4, opened::toString);
    assertEquals(List.of("xdg-open", "http://dev.coder:8080/"), opened.get(0));
    assertEquals(
        List.of("xdg-open", testbed.url() + "/@alice/dev.main/apps/code-server/"), opened.get(1));
    assertEquals(List.of("x-terminal-emulator", "-e", "ssh", "dev.coder"), opened.get(2));
    assertTrue(
        opened
            .get(3)
            .get(1)
            .startsWith("vscode://coder.coder-remote/open?owner=alice&workspace=dev"),
        opened.get(3).toString());
    assertFalse(opened.toString().contains(TOKEN), "the token must not reach a command line");
  }

  @Test
  @DisplayName("Stop follows the build until the workspace is stopped, Start brings it back")
  void stopAndStart(FxRobot robot) throws Exception {
    awaitRunningWithPorts(robot);
    robot.clickOn("#start-stop");
    Await.until(
        "the workspace stopped",
        () -> text(robot, "#actions-status").equals("stopped"),
        () -> text(robot, "#actions-status") + " / " + text(robot, "#actions-message"));
    assertFalse(testbed.deployment().workspace("alice", "dev").get().running());
    Await.until(
        "the Start button",
        () ->
            robot.lookup("#start-stop").queryAs(Button.class).getText().equals("Start")
                && !robot.lookup("#start-stop").queryAs(Button.class).isDisabled(),
        () -> text(robot, "#actions-message"));
    // The ports list follows on its next refresh (every 5 s while the window is open).
    Await.until(
        "no ports listed for the stopped workspace",
        () -> robot.lookup(".port-button").queryAll().isEmpty(),
        () -> text(robot, "#actions-message"));
    Screenshots.save(window.stage().getScene(), "workspace-stopped");
    robot.clickOn("#start-stop");
    awaitRunningWithPorts(robot);
    assertTrue(testbed.deployment().workspace("alice", "dev").get().running());
  }

  @Test
  @DisplayName("a failed build shows the build's error and leaves the workspace as it was")
  void failedBuild(FxRobot robot) throws Exception {
    awaitRunningWithPorts(robot);
    testbed
        .builds()
        .failNext(testbed.deployment().workspace("alice", "dev").get().id(), "quota exceeded");
    robot.clickOn("#start-stop");
    Await.until(
        "the failure",
        () -> text(robot, "#actions-message").contains("quota exceeded"),
        () -> text(robot, "#actions-message"));
    assertTrue(
        text(robot, "#actions-message").startsWith("The stop build #"),
        text(robot, "#actions-message"));
    assertTrue(testbed.deployment().workspace("alice", "dev").get().running());
    // The failed stop left the agent: its ports stay listed under the failure.
    awaitRunningWithPorts(robot);
    Screenshots.save(window.stage().getScene(), "workspace-build-failed");
  }
}
