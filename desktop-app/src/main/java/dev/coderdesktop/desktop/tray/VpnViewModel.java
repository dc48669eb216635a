// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.tray;

import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.coder.sdk.signin.TokenStore;
import dev.coderdesktop.desktop.service.ServiceCommands;
import dev.coderdesktop.desktop.service.ServiceListener;
import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.state.AppStateMachine;
import dev.coderdesktop.desktop.state.AppStatus;
import dev.coderdesktop.desktop.threading.UiThread;
import dev.coderdesktop.desktop.workspaces.WorkspaceList;
import dev.coderdesktop.desktop.workspaces.WorkspaceListMapper;
import dev.coderdesktop.desktop.workspaces.WorkspaceRow;
import dev.coderdesktop.vpn.proto.wire.StartResponse;
import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.proto.wire.StopResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The tray window's view model: combines the sign-in, the service's last status and the request in
 * flight into one {@link AppStatus}, and keeps the {@link WorkspaceList}. Service events arrive on
 * any thread and marshal themselves to the UI thread (mapping the workspace list before they do, so
 * the UI thread only swaps rows); user actions must come from the UI thread (checked) and send
 * their blocking requests to the workers.
 */
public final class VpnViewModel implements ServiceListener {

  private static final Logger LOG = Logger.getLogger(VpnViewModel.class.getName());

  /** What the app asked the service for and has no reply to yet. */
  private enum Pending {
    NONE,
    START,
    STOP
  }

  private final UiThread ui;
  private final Executor workers;
  private final Clock clock;
  private final ServiceCommands service;
  private final TokenStore tokens;
  private final Supplier<Map<String, String>> headers;
  private final AppStateMachine machine;
  private final WorkspaceList workspaces;
  private final ReadOnlyObjectWrapper<SignIn> signIn = new ReadOnlyObjectWrapper<>();

  // Confined to the UI thread.
  private Status lastStatus;
  private String unavailableReason = "Connecting to the Coder Desktop service…";
  private Pending pending = Pending.NONE;
  private String commandError;
  private boolean startedHere;
  private boolean connectWhenReady;

  /**
   * A view model, signed out, that has not heard from the service yet.
   *
   * @param headers the extra headers to pass in Start, read when the user turns CoderVPN on
   */
  public VpnViewModel(
      UiThread ui,
      Executor workers,
      Clock clock,
      ServiceCommands service,
      TokenStore tokens,
      Supplier<Map<String, String>> headers) {
    this.ui = ui;
    this.workers = workers;
    this.clock = clock;
    this.service = service;
    this.tokens = tokens;
    this.headers = headers;
    this.machine = new AppStateMachine(ui, AppState.SIGNED_OUT);
    this.workspaces = new WorkspaceList(ui);
  }

  /** The app's status. */
  public ReadOnlyObjectProperty<AppStatus> status() {
    return machine.status();
  }

  /** The workspaces to list (empty unless CoderVPN is on). */
  public WorkspaceList workspaces() {
    return workspaces;
  }

  /** The sign-in, or null when signed out. */
  public ReadOnlyObjectProperty<SignIn> signIn() {
    return signIn.getReadOnlyProperty();
  }

  @Override
  public void onStatus(Status status) {
    List<WorkspaceRow> rows =
        status.getLifecycle() == Status.Lifecycle.STARTED
            ? WorkspaceListMapper.map(status.getPeerUpdate(), clock.instant())
            : List.of();
    ui.run(
        () -> {
          lastStatus = status;
          refresh(rows);
          if (connectWhenReady && machine.state() == AppState.OFF) {
            connectWhenReady = false;
            setVpnOn(true);
          }
        });
  }

  @Override
  public void onUnavailable(String reason) {
    ui.run(
        () -> {
          lastStatus = null;
          unavailableReason = reason;
          pending = Pending.NONE;
          refresh(List.of());
        });
  }

  /** Records a sign-in (after the sign-in window checked and stored it). */
  public void signedIn(SignIn s) {
    ui.check();
    signIn.set(s);
    refresh(currentRows());
  }

  /** Turns CoderVPN on once the service reports it off (the "connect on launch" setting). */
  public void connectWhenReady() {
    ui.check();
    if (machine.state() == AppState.OFF) {
      setVpnOn(true);
    } else {
      connectWhenReady = true;
    }
  }

  /**
   * Moves to another deployment's sign-in (the switcher, or a sign-in added while signed in). When
   * CoderVPN is on for the old one it moves too: the service stops that tunnel, then starts one for
   * {@code s} (one VPN at a time). The same sign-in again changes nothing.
   */
  public void switchTo(SignIn s) {
    ui.check();
    SignIn was = signIn.get();
    // Already on for s (moved by the CLI's use, say): nothing to move.
    boolean on =
        lastStatus != null
            && lastStatus.getLifecycle() == Status.Lifecycle.STARTED
            && !lastStatus.getDeploymentUrl().equals(s.url().toString())
            && pending == Pending.NONE;
    signIn.set(s);
    if (!on || s.equals(was)) {
      refresh(currentRows());
      return;
    }
    commandError = null;
    startedHere = true;
    pending = Pending.START;
    refresh(List.of());
    Map<String, String> h = headers.get();
    workers.execute(
        () -> {
          String error;
          try {
            StopResponse stopped = service.stop();
            if (!stopped.getSuccess()) {
              error = "CoderVPN did not stop: " + stopped.getErrorMessage();
            } else {
              StartResponse r = service.start(s.url().toString(), s.token().reveal(), h);
              error = r.getSuccess() ? null : "CoderVPN did not start: " + r.getErrorMessage();
            }
          } catch (IOException e) {
            error = "CoderVPN did not move: " + e.getMessage();
          }
          String failure = error;
          ui.post(
              () -> {
                pending = Pending.NONE;
                commandError = failure;
                refresh(currentRows());
              });
        });
  }

  /**
   * Signs out of the current deployment: stops CoderVPN if it is on and forgets that token. When
   * other deployments stay signed in, the first of them becomes current, as with the CLI's logout.
   */
  public void signOut() {
    ui.check();
    boolean stop = lastStatus != null && lastStatus.getLifecycle() != Status.Lifecycle.STOPPED;
    SignIn was = signIn.get();
    signIn.set(null);
    startedHere = false;
    commandError = null;
    refresh(List.of());
    workers.execute(
        () -> {
          try {
            if (stop) {
              service.stop();
            }
          } catch (IOException e) {
            LOG.info("stop on sign-out failed: " + e.getMessage());
          }
          try {
            if (was != null) {
              tokens.remove(was.url());
            }
            java.util.Optional<SignIn> next = tokens.load();
            ui.post(() -> next.filter(n -> signIn.get() == null).ifPresent(this::signedIn));
          } catch (IOException e) {
            LOG.warning("could not forget the stored token: " + e.getMessage());
          }
        });
  }

  /**
   * For quitting with "turn CoderVPN off when I quit": asks the service to stop when CoderVPN is on
   * or starting, then runs {@code then} on the UI thread (at once when there is nothing to stop).
   */
  public void stopThen(Runnable then) {
    ui.check();
    boolean on = lastStatus != null && lastStatus.getLifecycle() != Status.Lifecycle.STOPPED;
    if (!on || signIn.get() == null) {
      then.run();
      return;
    }
    pending = Pending.STOP;
    refresh(currentRows());
    workers.execute(
        () -> {
          try {
            service.stop();
          } catch (IOException e) {
            LOG.info("stop on quit failed: " + e.getMessage());
          }
          ui.post(then);
        });
  }

  /** The user flipped the toggle. */
  public void setVpnOn(boolean on) {
    ui.check();
    SignIn s = signIn.get();
    if (s == null || pending != Pending.NONE || lastStatus == null) {
      refresh(currentRows());
      return;
    }
    commandError = null;
    startedHere = on;
    pending = on ? Pending.START : Pending.STOP;
    refresh(currentRows());
    Map<String, String> h = headers.get();
    workers.execute(
        () -> {
          String error;
          try {
            if (on) {
              StartResponse r = service.start(s.url().toString(), s.token().reveal(), h);
              error = r.getSuccess() ? null : r.getErrorMessage();
            } else {
              StopResponse r = service.stop();
              error = r.getSuccess() ? null : r.getErrorMessage();
            }
          } catch (IOException e) {
            error = e.getMessage();
          }
          String failure = error;
          ui.post(
              () -> {
                pending = Pending.NONE;
                commandError =
                    failure == null
                        ? null
                        : (on ? "CoderVPN did not start: " : "CoderVPN did not stop: ") + failure;
                refresh(currentRows());
              });
        });
  }

  private List<WorkspaceRow> currentRows() {
    return lastStatus != null && lastStatus.getLifecycle() == Status.Lifecycle.STARTED
        ? WorkspaceListMapper.map(lastStatus.getPeerUpdate(), clock.instant())
        : List.of();
  }

  /** Derives the state from what we know and moves the machine there. */
  private void refresh(List<WorkspaceRow> rows) {
    ui.check();
    AppStatus want = derive();
    machine.changeState(want.state(), want.detail());
    if (machine.state() == AppState.ON) {
      workspaces.apply(rows);
    } else {
      workspaces.clear();
    }
  }

  private AppStatus derive() {
    if (signIn.get() == null) {
      return AppStatus.of(AppState.SIGNED_OUT);
    }
    if (lastStatus == null) {
      return new AppStatus(AppState.SERVICE_UNAVAILABLE, unavailableReason);
    }
    String host = signIn.get().url().uri().getHost();
    return switch (lastStatus.getLifecycle()) {
      case STARTING ->
          new AppStatus(AppState.CONNECTING, "Signing in to " + host + " and starting the tunnel…");
      case STARTED ->
          pending == Pending.STOP
              ? new AppStatus(AppState.DISCONNECTING, "Stopping CoderVPN…")
              : new AppStatus(AppState.ON, lastStatus.getErrorMessage());
      case STOPPING -> new AppStatus(AppState.DISCONNECTING, "Stopping CoderVPN…");
      default -> {
        if (pending == Pending.START) {
          yield new AppStatus(AppState.CONNECTING, "Asking the service to start CoderVPN…");
        }
        if (commandError != null) {
          yield new AppStatus(AppState.ERROR, commandError);
        }
        if (startedHere && !lastStatus.getErrorMessage().isEmpty()) {
          yield new AppStatus(AppState.ERROR, lastStatus.getErrorMessage());
        }
        yield AppStatus.of(AppState.OFF);
      }
    };
  }
}
