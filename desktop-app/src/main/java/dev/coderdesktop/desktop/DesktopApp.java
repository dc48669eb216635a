// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop;

import dev.coderdesktop.coder.sdk.Credentials;
import dev.coderdesktop.desktop.browser.Browser;
import dev.coderdesktop.desktop.secret.SignIn;
import dev.coderdesktop.desktop.secret.TokenStore;
import dev.coderdesktop.desktop.secret.TokenStores;
import dev.coderdesktop.desktop.service.ServiceConnection;
import dev.coderdesktop.desktop.settings.Autostart;
import dev.coderdesktop.desktop.settings.Settings;
import dev.coderdesktop.desktop.settings.SettingsStore;
import dev.coderdesktop.desktop.settings.SettingsView;
import dev.coderdesktop.desktop.signin.SignInView;
import dev.coderdesktop.desktop.signin.SignInViewModel;
import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.threading.UiThread;
import dev.coderdesktop.desktop.threading.Workers;
import dev.coderdesktop.desktop.tray.TrayActions;
import dev.coderdesktop.desktop.tray.TrayIcon;
import dev.coderdesktop.desktop.tray.TrayView;
import dev.coderdesktop.desktop.vpn.VpnViewModel;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Wires the app: reads settings and the stored sign-in off the UI thread (in {@link #init}), then
 * on the UI thread builds the view models and windows, connects to the service, and puts the icon
 * in the tray — or, with no tray host, shows the tray window.
 */
public final class DesktopApp extends Application {

  private static final Logger LOG = Logger.getLogger(DesktopApp.class.getName());
  private static final Duration SERVICE_RETRY = Duration.ofSeconds(2);

  private DesktopConfig config;
  private SettingsStore settingsStore;
  private final AtomicReference<Settings> settings = new AtomicReference<>(Settings.DEFAULTS);
  private TokenStore tokens;
  private Optional<SignIn> stored = Optional.empty();
  private Workers workers;
  private ServiceConnection connection;
  private Optional<TrayIcon> trayIcon = Optional.empty();

  @Override
  public void init() {
    config = DesktopConfig.from(System.getenv());
    settingsStore = new SettingsStore(SettingsStore.defaultFile(config.configHome()));
    settings.set(settingsStore.load());
    tokens =
        TokenStores.choose(
            System.getenv(), config.configHome().resolve("coder-desktop").resolve("credentials"));
    try {
      stored = tokens.load();
    } catch (IOException e) {
      LOG.warning("could not read the stored sign-in: " + e.getMessage());
    }
    // The file fallback is the CLI's; mention it so an operator knows the two share it.
    LOG.fine("CLI credentials file: " + Credentials.file());
  }

  @Override
  public void start(Stage trayStage) {
    UiThread ui = UiThread.javafx();
    workers = Workers.logging("desktop-worker", 2);
    Browser browser = Browser.system(getHostServices());
    VpnViewModel[] vmRef = new VpnViewModel[1];
    connection =
        new ServiceConnection(
            config.socket(),
            workers,
            SERVICE_RETRY,
            new dev.coderdesktop.desktop.service.ServiceListener() {
              @Override
              public void onStatus(dev.coderdesktop.vpn.proto.wire.Status s) {
                vmRef[0].onStatus(s);
              }

              @Override
              public void onUnavailable(String reason) {
                vmRef[0].onUnavailable(reason);
              }
            });
    VpnViewModel vm =
        new VpnViewModel(
            ui, workers, Clock.systemUTC(), connection, tokens, () -> settings.get().headers());
    vmRef[0] = vm;

    Stage signInStage = new Stage();
    Stage settingsStage = new Stage();
    SignInViewModel signIn =
        new SignInViewModel(
            ui,
            workers,
            tokens,
            () -> settings.get().headers(),
            s -> {
              vm.signedIn(s);
              signInStage.hide();
              trayStage.show();
            });
    signInStage.setTitle("Sign in to Coder");
    signInStage.setScene(scene(new SignInView(signIn, browser).root()));

    Autostart autostart = new Autostart(config.configHome(), config.launcher());
    SettingsView settingsView =
        new SettingsView(
            settings.get(),
            tokens.describe(),
            s -> {
              settings.set(s);
              settingsStage.hide();
              workers.execute(
                  () -> {
                    try {
                      settingsStore.save(s);
                      autostart.set(s.startOnLogin());
                    } catch (IOException e) {
                      LOG.warning("could not save the settings: " + e.getMessage());
                    }
                  });
            });
    settingsStage.setTitle("Coder Desktop settings");
    settingsStage.setScene(scene(settingsView.root()));

    TrayActions actions =
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
            browser.open(url);
          }

          @Override
          public void quit() {
            Platform.exit();
          }
        };
    trayStage.setTitle("Coder Desktop");
    trayStage.setScene(scene(new TrayView(vm, actions).root()));
    trayStage.setResizable(false);

    stored.ifPresent(vm::signedIn);
    if (stored.isPresent() && settings.get().connectOnLaunch()) {
      vm.connectWhenReady();
    }
    connection.open();

    trayIcon = TrayIcon.install(ui, () -> showWindow(trayStage), Platform::exit);
    trayIcon.ifPresent(
        icon -> {
          icon.show(vm.status().get());
          vm.status().addListener((o, was, now) -> icon.show(now));
        });
    // With a tray icon, closing the window keeps the app running in the tray.
    Platform.setImplicitExit(trayIcon.isEmpty());
    if (trayIcon.isEmpty() || vm.status().get().state() == AppState.SIGNED_OUT) {
      showWindow(trayStage);
    }
    if (vm.status().get().state() == AppState.SIGNED_OUT) {
      actions.showSignIn();
    }
  }

  private static void showWindow(Stage s) {
    s.show();
    s.toFront();
  }

  private static Scene scene(Parent root) {
    Scene s = new Scene(root);
    s.getStylesheets().add(Styles.url());
    return s;
  }

  @Override
  public void stop() {
    trayIcon.ifPresent(TrayIcon::close);
    if (connection != null) {
      connection.close();
    }
    if (workers != null) {
      workers.close();
    }
  }
}
