// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.coder.sdk.signin.TokenStore;
import dev.coderdesktop.coder.sdk.workspace.Launch;
import dev.coderdesktop.desktop.actions.CoderLinkHandler;
import dev.coderdesktop.desktop.actions.Opener;
import dev.coderdesktop.desktop.actions.WorkspaceActionsModel;
import dev.coderdesktop.desktop.actions.WorkspaceActionsWindow;
import dev.coderdesktop.desktop.browser.Browser;
import dev.coderdesktop.desktop.deployments.DeploymentSwitcher;
import dev.coderdesktop.desktop.deployments.DeploymentsViewModel;
import dev.coderdesktop.desktop.deployments.SharedWorkspacesView;
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
import dev.coderdesktop.desktop.workspaces.WorkspaceRow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
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
  private final WorkspaceActionsWindow workspaceActions;
  private final DeploymentsViewModel deployments;

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
              // A sign-in added while signed in elsewhere becomes current; CoderVPN moves with it.
              vm.switchTo(s);
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

    workspaceActions =
        new WorkspaceActionsWindow(
            new WorkspaceActionsModel(
                d.ui(),
                d.workers(),
                new WorkspaceActionsModel.Deployment() {
                  @Override
                  public Optional<CoderClient> client() {
                    return Optional.ofNullable(vm.signIn().get())
                        .map(s -> new CoderClient(s.url(), s.token(), settings.get().headers()));
                  }

                  @Override
                  public Optional<String> token() {
                    return Optional.ofNullable(vm.signIn().get()).map(s -> s.token().reveal());
                  }
                },
                Opener.system()),
            new Stage(),
            Styles.url());
    actions =
        new TrayActions() {
          @Override
          public void showWorkspace(WorkspaceRow row) {
            Map<String, String> hosts = new LinkedHashMap<>();
            row.agents().forEach(a -> hosts.put(a.name(), a.hostname()));
            workspaceActions.show(row.name(), hosts);
          }

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
    deployments =
        new DeploymentsViewModel(
            d.ui(), d.workers(), d.tokens(), vm, () -> settings.get().headers());
    TrayView tray = new TrayView(vm, actions, notifications.latest());
    tray.addDeploymentViews(
        new DeploymentSwitcher(deployments, actions::showSignIn).root(),
        new SharedWorkspacesView(deployments, actions::open).root());
    trayStage.setTitle("Coder Desktop");
    trayStage.setScene(scene(tray.root()));
    trayStage.setResizable(false);
  }

  /**
   * Applies the stored sign-in (if any), turns CoderVPN on when the settings say so, and starts
   * talking to the service.
   */
  public void start(Optional<SignIn> stored) {
    stored.ifPresent(vm::signedIn);
    deployments.refresh();
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
    deployments.refresh();
    trayStage.show();
    trayStage.toFront();
  }

  /** The deployment switcher's view model. */
  public DeploymentsViewModel deployments() {
    return deployments;
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

  /**
   * Handles a {@code coder://} link (from the desktop, or a later launch): Remote Desktop to the
   * agent after the user agrees, or a message saying why not.
   */
  public void openLink(String link) {
    CoderLinkHandler.Outcome o =
        CoderLinkHandler.handle(
            link,
            Optional.ofNullable(vm.signIn().get()),
            vm.status().get().state(),
            vm.workspaces().all());
    LOG.info("coder:// link: " + o);
    switch (o) {
      case CoderLinkHandler.Outcome.Refused r -> {
        Alert a = new Alert(Alert.AlertType.ERROR, r.reason());
        a.setHeaderText("Cannot open the link");
        a.show();
      }
      case CoderLinkHandler.Outcome.OpenRdp rdp -> {
        String body =
            "Connecting to "
                + rdp.host()
                + "."
                + rdp.username().map(u -> "\nUsername: " + u).orElse("")
                + (rdp.password().isPresent()
                    ? "\nThe password will be copied to your clipboard."
                    : "");
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, body);
        a.setHeaderText("Opening Remote Desktop");
        a.showAndWait()
            .filter(b -> b == javafx.scene.control.ButtonType.OK)
            .ifPresent(
                b -> {
                  rdp.password()
                      .ifPresent(
                          p -> {
                            ClipboardContent c = new ClipboardContent();
                            c.putString(p);
                            Clipboard.getSystemClipboard().setContent(c);
                          });
                  try {
                    Opener.system().run(Launch.url(rdp.rdpUrl()));
                  } catch (IOException e) {
                    LOG.warning("could not open Remote Desktop: " + e.getMessage());
                  }
                });
      }
    }
  }

  /** The workspace actions window. */
  public WorkspaceActionsWindow workspaceActions() {
    return workspaceActions;
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
