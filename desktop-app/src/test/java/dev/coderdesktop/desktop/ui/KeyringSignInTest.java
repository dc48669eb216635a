// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.ui;

import static dev.coderdesktop.desktop.fixtures.Scenes.shown;
import static dev.coderdesktop.desktop.fixtures.Scenes.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coderdesktop.cli.CliRun;
import dev.coderdesktop.coder.sdk.signin.SecretToolStore;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.coder.sdk.signin.SignInFiles;
import dev.coderdesktop.coder.sdk.signin.TokenStore;
import dev.coderdesktop.coder.sdk.signin.TokenStores;
import dev.coderdesktop.desktop.DesktopWindows;
import dev.coderdesktop.desktop.fixtures.Await;
import dev.coderdesktop.desktop.fixtures.FakeCoder;
import dev.coderdesktop.desktop.fixtures.FakeVpnService;
import dev.coderdesktop.desktop.fixtures.SessionKeyring;
import dev.coderdesktop.desktop.fixtures.TestDeps;
import dev.coderdesktop.desktop.settings.SettingsStore;
import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.threading.Workers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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
 * The sign-in kept in a REAL desktop keyring: gnome-keyring-daemon on a private session bus. The
 * tray window signs in through its pages, the app "restarts" (new store, new windows) and is still
 * signed in, and the CLI, choosing its store the same way, starts CoderVPN with that token.
 */
@Timeout(90)
@ExtendWith(ApplicationExtension.class)
class KeyringSignInTest {

  @TempDir static Path dir;

  private SessionKeyring keyring;
  private FakeCoder coder;
  private FakeVpnService service;
  private Workers workers;
  private Stage stage;
  private DesktopWindows app;

  @Start
  void start(Stage s) {
    stage = s;
  }

  @AfterEach
  void stop() throws Exception {
    org.testfx.api.FxToolkit.cleanupStages();
    if (app != null) {
      app.close();
    }
    if (service != null) {
      service.close();
    }
    if (coder != null) {
      coder.close();
    }
    if (workers != null) {
      workers.close();
    }
    if (keyring != null) {
      keyring.close();
    }
  }

  private DesktopWindows windows(Stage on, TokenStore tokens, Path socket) {
    TestDeps deps = new TestDeps(keyring.home(), workers);
    deps.socket = socket;
    deps.tokens = tokens;
    deps.settingsStore = new SettingsStore(SignInFiles.of(keyring.env()).settings());
    return new DesktopWindows(on, deps.build());
  }

  /** The sign-in window's error line, for a timeout's message. */
  private static String errorText(FxRobot robot) {
    return robot
        .lookup("#error")
        .tryQuery()
        .map(n -> n instanceof javafx.scene.control.Label l ? l.getText() : n.toString())
        .orElse("(no error line)");
  }

  private AppState state(DesktopWindows w) throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> w.vpn().status().get().state()).get();
  }

  @Test
  @DisplayName("sign in through the window, restart: still signed in; the CLI uses the same token")
  void signInRestartAndCli(FxRobot robot) throws Exception {
    boolean ci = System.getenv("CI") != null;
    if (!ci) {
      assumeTrue(SessionKeyring.available(), "needs dbus-daemon, gnome-keyring, libsecret-tools");
    }
    keyring = new SessionKeyring(dir);
    Map<String, String> env = keyring.env();
    SignInFiles files = SignInFiles.of(env);
    coder = new FakeCoder();
    service = new FakeVpnService(dir.resolve("vpn.sock"));
    workers = Workers.logging("keyring-test-worker", 2);

    TokenStore first = TokenStores.choose(env, files);
    assertInstanceOf(SecretToolStore.class, first, "the keyring is chosen when it answers");
    robot.interact(
        () -> {
          app = windows(stage, first, dir.resolve("vpn.sock"));
          app.start(Optional.empty());
          app.showTray();
          app.showSignIn();
        });
    type(robot, "#url", coder.url());
    robot.clickOn("#next");
    // The token page's nodes exist (and are "visible") from the start: only a shown ancestor
    // chain says the URL check finished; typing and clicking before that does nothing.
    Await.until(
        "the token page",
        () -> shown(robot.lookup("#token").query()),
        () -> "still on the URL page: " + errorText(robot));
    type(robot, "#token", FakeCoder.GOOD_TOKEN);
    robot.clickOn("#signInButton");
    DesktopWindows signedIn = app;
    Await.until(
        "signed in", () -> state(signedIn) == AppState.OFF, () -> "error: " + errorText(robot));

    assertFalse(Files.exists(files.credentials()), "no token in a plain file");
    String settings = Files.readString(files.settings());
    assertTrue(settings.contains("url="), settings);
    assertFalse(settings.contains(FakeCoder.GOOD_TOKEN), "the token is not in the settings file");

    // Restart: a fresh store and fresh windows, as a new process would build them.
    robot.interact(app::close);
    org.testfx.api.FxToolkit.cleanupStages();
    TokenStore second = TokenStores.choose(env, files);
    Optional<SignIn> stored = second.load();
    assertTrue(stored.isPresent(), "the keyring gave the sign-in back");
    assertEquals(coder.url(), stored.get().url().toString().replaceAll("/$", ""));
    robot.interact(
        () -> {
          app = windows(new Stage(), second, dir.resolve("vpn.sock"));
          app.start(stored);
        });
    DesktopWindows restarted = app;
    Await.until("signed in after restart", () -> state(restarted) == AppState.OFF, () -> "no");

    // The CLI, in the same session, starts CoderVPN with the same sign-in.
    CliRun up = CliRun.run(env, "", "--socket", dir.resolve("vpn.sock").toString(), "up");
    assertEquals(0, up.exit(), up.err());
    var start = service.starts.poll(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(FakeCoder.GOOD_TOKEN, start.getApiToken());
    assertEquals(stored.get().url().toString(), start.getCoderUrl());
  }
}
