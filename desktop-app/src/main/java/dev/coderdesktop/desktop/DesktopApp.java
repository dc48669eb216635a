// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop;

import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.coder.sdk.signin.SignInFiles;
import dev.coderdesktop.coder.sdk.signin.TokenStore;
import dev.coderdesktop.coder.sdk.signin.TokenStores;
import dev.coderdesktop.desktop.browser.Browser;
import dev.coderdesktop.desktop.launch.SingleInstance;
import dev.coderdesktop.desktop.launch.SoftwareRendering;
import dev.coderdesktop.desktop.notify.DbusNotifier;
import dev.coderdesktop.desktop.settings.Autostart;
import dev.coderdesktop.desktop.settings.Settings;
import dev.coderdesktop.desktop.settings.SettingsStore;
import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.threading.UiThread;
import dev.coderdesktop.desktop.threading.Workers;
import dev.coderdesktop.desktop.tray.TrayIcon;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: reads the settings and the stored sign-in off the UI thread (in {@link
 * #init}, on the launcher thread), then builds {@link DesktopWindows}, connects to the service and
 * puts the icon in the tray — or, with no tray host, shows the tray window and says why in the log.
 */
public final class DesktopApp extends Application {

  private static final Logger LOG = Logger.getLogger(DesktopApp.class.getName());
  private static final Duration SERVICE_RETRY = Duration.ofSeconds(2);

  private DesktopConfig config;
  private SettingsStore settingsStore;
  private Settings settings = Settings.DEFAULTS;
  private TokenStore tokens;
  private Optional<SignIn> stored = Optional.empty();
  private Workers workers;
  private DesktopWindows windows;
  private Optional<TrayIcon> trayIcon = Optional.empty();

  // Set by DesktopMain before launch: JavaFX constructs this class itself, so it cannot be passed.
  private static volatile SingleInstance singleInstance;

  /** Hands over the single-instance listener (or null) before {@link Application#launch}. */
  static void handOver(SingleInstance instance) {
    singleInstance = instance;
  }

  @Override
  public void init() {
    config = DesktopConfig.from(System.getenv());
    settingsStore = new SettingsStore(SettingsStore.defaultFile(config.configHome()));
    settings = settingsStore.load();
    tokens = TokenStores.choose(System.getenv(), SignInFiles.under(config.configHome()));
    LOG.info("keeping the session token in " + tokens.describe());
    try {
      stored = tokens.load();
    } catch (IOException e) {
      LOG.warning("could not read the stored sign-in: " + e.getMessage());
    }
  }

  @Override
  public void start(Stage trayStage) {
    // GTK has started by now and read GDK_GL; programs opened from the app must not inherit it.
    SoftwareRendering.afterToolkit();
    UiThread ui = UiThread.javafx();
    workers = Workers.logging("desktop-worker", 2);
    windows =
        new DesktopWindows(
            trayStage,
            new DesktopWindows.Deps(
                ui,
                workers,
                Clock.systemUTC(),
                config.socket(),
                SERVICE_RETRY,
                tokens,
                settingsStore,
                new Autostart(config.configHome(), config.launcher()),
                settings,
                Browser.system(getHostServices()),
                Platform::exit,
                new DbusNotifier("gdbus", System.getenv())));
    windows.start(stored);
    SingleInstance instance = singleInstance;
    if (instance != null) {
      instance.onShow(() -> ui.post(windows::showTray));
      instance.onOpen(link -> ui.post(() -> windows.openLink(link)));
    }
    // Launched by the desktop for a coder:// link (the desktop entry's %u).
    getParameters().getRaw().stream()
        .filter(a -> a.startsWith("coder:"))
        .findFirst()
        .ifPresent(link -> ui.post(() -> windows.openLink(link)));

    trayIcon = TrayIcon.install(ui, windows::showTray, windows::quit);
    trayIcon.ifPresent(
        icon -> {
          icon.show(windows.vpn().status().get());
          windows.vpn().status().addListener((o, was, now) -> icon.show(now));
        });
    // With a tray icon, closing the window leaves the app running in the tray.
    Platform.setImplicitExit(trayIcon.isEmpty());
    boolean signedOut = windows.vpn().status().get().state() == AppState.SIGNED_OUT;
    if (trayIcon.isEmpty() || signedOut) {
      windows.showTray();
    }
    if (signedOut) {
      windows.showSignIn();
    }
  }

  @Override
  public void stop() {
    trayIcon.ifPresent(TrayIcon::close);
    SingleInstance instance = singleInstance;
    if (instance != null) {
      try {
        instance.close();
      } catch (IOException e) {
        LOG.fine("single-instance socket: " + e.getMessage());
      }
    }
    if (windows != null) {
      windows.close();
    }
    if (workers != null) {
      workers.close();
    }
  }
}
