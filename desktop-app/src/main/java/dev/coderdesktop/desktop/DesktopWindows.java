// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop;

import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.coder.sdk.signin.TokenStore;
import dev.coderdesktop.desktop.browser.Browser;
import dev.coderdesktop.desktop.notify.Notifications;
import dev.coderdesktop.desktop.notify.Notifier;
import dev.coderdesktop.desktop.service.ServiceConnection;
import dev.coderdesktop.desktop.settings.Autostart;
import dev.coderdesktop.desktop.settings.Settings;
import dev.coderdesktop.desktop.settings.SettingsStore;
import dev.coderdesktop.desktop.settings.SettingsView;
import dev.coderdesktop.desktop.signin.SignInView;
import dev.coderdesktop.desktop.signin.SignInViewModel;
import dev.coderdesktop.desktop.threading.UiThread;
import dev.coderdesktop.desktop.threading.Workers;
import dev.coderdesktop.desktop.tray.TrayActions;
import dev.coderdesktop.desktop.tray.TrayView;
import dev.coderdesktop.desktop.tray.VpnViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The app's windows and view models wired together: the tray window, the sign-in window and the
 * settings window, one {@link VpnViewModel} fed by one {@link ServiceConnection}. {@link
 * DesktopApp} adds the tray icon; the UI tests drive this directly. Create and use on the UI
 * thread.
 */
public final class DesktopWindows implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DesktopWindows.class.getName());

  /** What the windows need from outside. */
  public record Deps(
      UiThread ui,
      Workers workers,
      Clock clock,
      Path socket,
      Duration serviceRetry,
      TokenStore tokens,
      SettingsStore settingsStore,
      Autostart autostart,
      Settings settings,
      Browser browser,
      Runnable quit,
      Notifier notifier) {}

  private final Stage trayStage;
  private final Stage signInStage = new Stage();
  private final Stage settingsStage = new Stage();
  private final ServiceConnection connection;
  private final VpnViewModel vm;
  private final SignInViewModel signIn;
  private final SettingsView settingsView;
  private final AtomicReference<Settings> settings;
  private final TrayActions actions;
  private final Notifications notifications;

  /** Builds every window (none shown yet) and the service connection (not yet open). */
  public DesktopWindows(Stage trayStage, Deps d) {
    this.trayStage = trayStage;
    this.settings = new AtomicReference<>(d.settings());
    connection = new ServiceConnection(d.socket(), d.workers(), d.serviceRetry());
    vm =
        new VpnViewModel(
            d.ui(), d.workers(), d.clock(), connection, d.tokens(), () -> settings.get().headers());

    signIn =
        new SignInViewModel(
            d.ui(),
            d.workers(),
            d.tokens(),
            () -> settings.get().headers(),
            () -> settings.get().allowInsecureHttp(),
            s -> {
              vm.signedIn(s);
              signInStage.hide();
              showTray();
            });
    signInStage.setTitle("Sign in to Coder");
    signInStage.setScene(scene(new SignInView(signIn, d.browser()).root()));

    settingsView =
        new SettingsView(
            settings.get(),
            d.tokens().describe(),
            s -> {
              settings.set(s);
              settingsStage.hide();
              d.workers()
                  .execute(
                      () -> {
                        try {
                          d.settingsStore().save(s);
                          d.autostart().set(s.startOnLogin());
                        } catch (IOException e) {
                          LOG.warning("could not save the settings: " + e.getMessage());
                        }
                      });
            });
    settingsStage.setTitle("Coder Desktop settings");
    settingsStage.setScene(scene(settingsView.root()));

    actions =
        new TrayActions() {
          @Override
          public void showSignIn() {
            signIn.reset();
            signInStage.show();
            signInStage.toFront();
          }

          @Override
          public void showSettings() {
            settingsView.show(settings.get());
            settingsStage.show();
            settingsStage.toFront();
          }

          @Override
          public void open(String url) {
            d.browser().open(url);
          }

          @Override
          public void quit() {
            if (settings.get().stopOnQuit()) {
              vm.stopThen(d.quit());
            } else {
              d.quit().run();
            }
          }
        };
    notifications =
        new Notifications(d.ui(), d.workers(), d.notifier(), () -> settings.get().notifications());
    notifications.watch(vm.status(), vm.workspaces().rows());
    trayStage.setTitle("Coder Desktop");
    trayStage.setScene(scene(new TrayView(vm, actions, notifications.latest()).root()));
    trayStage.setResizable(false);
  }

  /**
   * Applies the stored sign-in (if any), turns CoderVPN on when the settings say so, and starts
   * talking to the service.
   */
  public void start(Optional<SignIn> stored) {
    stored.ifPresent(vm::signedIn);
    if (stored.isPresent() && settings.get().connectOnLaunch()) {
      vm.connectWhenReady();
    }
    connection.open(vm);
  }

  /** Shows the sign-in window, on its first page. */
  public void showSignIn() {
    actions.showSignIn();
  }

  /** Quits as the Quit link does (turning CoderVPN off first when the settings say so). */
  public void quit() {
    actions.quit();
  }

  /** The notifications (the latest one is shown in the tray window too). */
  public Notifications notifications() {
    return notifications;
  }

  /** Shows the tray window. */
  public void showTray() {
    trayStage.show();
    trayStage.toFront();
  }

  /** The tray's view model. */
  public VpnViewModel vpn() {
    return vm;
  }

  /** The tray window. */
  public Stage trayStage() {
    return trayStage;
  }

  /** The sign-in window. */
  public Stage signInStage() {
    return signInStage;
  }

  /** The settings window. */
  public Stage settingsStage() {
    return settingsStage;
  }

  /** The current settings. */
  public Settings settings() {
    return settings.get();
  }

  private static Scene scene(Parent root) {
    Scene s = new Scene(root);
    s.getStylesheets().add(Styles.url());
    return s;
  }

  @Override
  public void close() {
    connection.close();
  }
}
