// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.signin.FileTokenStore;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.desktop.fixtures.Await;
import dev.coderdesktop.desktop.fixtures.FakeVpnService;
import dev.coderdesktop.desktop.fixtures.Peers;
import dev.coderdesktop.desktop.fixtures.TestUi;
import dev.coderdesktop.desktop.service.ServiceConnection;
import dev.coderdesktop.desktop.service.ServiceListener;
import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.state.AppStatus;
import dev.coderdesktop.desktop.threading.Workers;
import dev.coderdesktop.vpn.proto.wire.StartRequest;
import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The tray's view model against a fake service on a real Unix socket; no display needed. */
@Timeout(30)
class VpnViewModelTest {

  @TempDir Path dir;
  private final TestUi ui = new TestUi();
  private final Workers workers = Workers.logging("test-worker", 2);
  private Path socket;
  private FakeVpnService service;
  private ServiceConnection connection;
  private VpnViewModel vm;

  @BeforeEach
  void setUp() throws Exception {
    socket = dir.resolve("vpn.sock");
    service = new FakeVpnService(socket);
    service.peers(
        Peers.builder()
            .workspace("dev", Workspace.Status.RUNNING)
            .agent("dev", "main", Duration.ofSeconds(3), 20)
            .workspace("old", Workspace.Status.STOPPED)
            .build());
    VpnViewModel[] ref = new VpnViewModel[1];
    connection =
        new ServiceConnection(
            socket,
            workers,
            Duration.ofMillis(50),
            new ServiceListener() {
              @Override
              public void onStatus(Status s) {
                ref[0].onStatus(s);
              }

              @Override
              public void onUnavailable(String reason) {
                ref[0].onUnavailable(reason);
              }
            });
    vm =
        ui.call(
            () ->
                new VpnViewModel(
                    ui,
                    workers,
                    Clock.fixed(Peers.NOW, ZoneOffset.UTC),
                    connection,
                    new FileTokenStore(dir.resolve("credentials")),
                    () -> Map.of("X-Test", "1")));
    ref[0] = vm;
  }

  @AfterEach
  void tearDown() throws Exception {
    connection.close();
    service.close();
    workers.close();
    ui.close();
  }

  private static SignIn signIn() throws Exception {
    return new SignIn(DeploymentUrl.parse("https://coder.example.com"), SessionToken.of("tok-1"));
  }

  private AppStatus status() throws Exception {
    return ui.call(() -> vm.status().get());
  }

  private void await(AppState want) throws Exception {
    Await.until("state " + want, () -> status().state() == want, () -> safe());
  }

  private Object safe() {
    try {
      return status();
    } catch (Exception e) {
      return e;
    }
  }

  @Test
  @DisplayName("signed out until a sign-in, then off as the service reports")
  void signedOutThenOff() throws Exception {
    connection.open();
    await(AppState.SIGNED_OUT);
    SignIn s = signIn();
    Await.until("connected", connection::connected, () -> "not connected");
    ui.exec(() -> vm.signedIn(s));
    await(AppState.OFF);
  }

  @Test
  @DisplayName("toggle on: connecting with progress text, then on with the workspaces; off again")
  void toggle() throws Exception {
    connection.open();
    SignIn s = signIn();
    ui.exec(() -> vm.signedIn(s));
    await(AppState.OFF);
    service.holdStart();
    ui.exec(() -> vm.setVpnOn(true));
    await(AppState.CONNECTING);
    // First our own progress text, then the service's STARTING names the deployment.
    Await.until(
        "progress naming the deployment",
        () -> status().detail().contains("Signing in to coder.example.com"),
        this::safe);
    StartRequest req = service.starts.poll(5, TimeUnit.SECONDS);
    assertEquals("https://coder.example.com", req.getCoderUrl());
    assertEquals("tok-1", req.getApiToken());
    assertEquals("X-Test", req.getHeaders(0).getName());
    service.releaseStart();
    await(AppState.ON);
    Await.until("two workspaces", () -> ui.call(() -> vm.workspaces().all().size()) == 2, () -> "");
    assertEquals("dev.coder", ui.call(() -> vm.workspaces().visible().get(0).hostname()));
    ui.exec(() -> vm.setVpnOn(false));
    await(AppState.OFF);
    assertEquals(0, (int) ui.call(() -> vm.workspaces().all().size()));
  }

  @Test
  @DisplayName("a failed start shows the service's error")
  void error() throws Exception {
    connection.open();
    SignIn s = signIn();
    ui.exec(() -> vm.signedIn(s));
    await(AppState.OFF);
    service.failStartWith("the deployment refused the token");
    ui.exec(() -> vm.setVpnOn(true));
    await(AppState.ERROR);
    assertTrue(status().detail().contains("the deployment refused the token"), status().detail());
  }

  @Test
  @DisplayName("no socket: service unavailable; the service appears: off; it restarts: back again")
  void reconnect() throws Exception {
    service.close();
    connection.open();
    SignIn s = signIn();
    ui.exec(() -> vm.signedIn(s));
    await(AppState.SERVICE_UNAVAILABLE);
    assertTrue(status().detail().contains(socket.toString()), status().detail());
    service = new FakeVpnService(socket);
    await(AppState.OFF);
    ui.exec(() -> vm.setVpnOn(true));
    await(AppState.ON);
    service.close();
    await(AppState.SERVICE_UNAVAILABLE);
    assertEquals(0, (int) ui.call(() -> vm.workspaces().all().size()));
    service = new FakeVpnService(socket);
    await(AppState.OFF);
  }

  @Test
  @DisplayName("sign-out stops CoderVPN and forgets the stored token")
  void signOut() throws Exception {
    Path creds = dir.resolve("credentials");
    new FileTokenStore(creds).save(signIn());
    connection.open();
    SignIn s = signIn();
    ui.exec(() -> vm.signedIn(s));
    await(AppState.OFF);
    ui.exec(() -> vm.setVpnOn(true));
    await(AppState.ON);
    ui.exec(vm::signOut);
    await(AppState.SIGNED_OUT);
    Await.until(
        "stopped and forgotten",
        () -> service.lifecycle() == Status.Lifecycle.STOPPED && !Files.exists(creds),
        () -> service.lifecycle());
  }

  @Test
  @DisplayName("connect on launch turns CoderVPN on once the service reports it off")
  void connectOnLaunch() throws Exception {
    SignIn s = signIn();
    ui.exec(() -> vm.signedIn(s));
    ui.exec(vm::connectWhenReady);
    connection.open();
    await(AppState.ON);
  }
}
