// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.deployments;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.coder.sdk.signin.SignInIndex;
import dev.coderdesktop.coder.sdk.signin.TokenStore;
import dev.coderdesktop.coder.sdk.workspace.SharedWorkspaces;
import dev.coderdesktop.coder.sdk.workspace.WorkspaceJson;
import dev.coderdesktop.desktop.threading.UiThread;
import dev.coderdesktop.desktop.tray.VpnViewModel;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The deployments the user is signed in to and the workspaces shared with them on the current one.
 * Follows the tray's sign-in: whenever it changes (sign-in, switch, sign-out), and when the tray
 * window is shown, the list is read again from the store and the shared workspaces fetched again
 * from the deployment; a current deployment changed by the CLI meanwhile is followed. Choosing
 * another deployment makes it current in the store (the CLI sees it too) and hands its sign-in to
 * {@link VpnViewModel#switchTo}, which moves CoderVPN when it is on. Use on the UI thread; the
 * store and the REST calls run on the workers.
 */
public final class DeploymentsViewModel {

  private static final Logger LOG = Logger.getLogger(DeploymentsViewModel.class.getName());

  private final UiThread ui;
  private final Executor workers;
  private final TokenStore tokens;
  private final VpnViewModel vpn;
  private final Supplier<Map<String, String>> headers;
  private final ObservableList<DeploymentUrl> deployments = FXCollections.observableArrayList();
  private final ObservableList<DeploymentUrl> deploymentsView =
      FXCollections.unmodifiableObservableList(deployments);
  private final ReadOnlyObjectWrapper<DeploymentUrl> current = new ReadOnlyObjectWrapper<>();
  private final ObservableList<WorkspaceJson.Workspace> shared =
      FXCollections.observableArrayList();
  // One read-only view, kept: a view made per call holds its listeners only weakly from the
  // backing list, so a listener added to it stops firing once the view is collected.
  private final ObservableList<WorkspaceJson.Workspace> sharedView =
      FXCollections.unmodifiableObservableList(shared);

  /** A view model following {@code vpn}'s sign-in; call {@link #refresh} once to fill it. */
  public DeploymentsViewModel(
      UiThread ui,
      Executor workers,
      TokenStore tokens,
      VpnViewModel vpn,
      Supplier<Map<String, String>> headers) {
    this.ui = ui;
    this.workers = workers;
    this.tokens = tokens;
    this.vpn = vpn;
    this.headers = headers;
    vpn.signIn().addListener((o, was, now) -> refresh());
  }

  /** Every signed-in deployment, oldest first. */
  public ObservableList<DeploymentUrl> deployments() {
    return deploymentsView;
  }

  /** The current deployment, or null when signed out. */
  public ReadOnlyObjectProperty<DeploymentUrl> current() {
    return current.getReadOnlyProperty();
  }

  /** The current deployment's workspaces shared by others (empty where sharing is not offered). */
  public ObservableList<WorkspaceJson.Workspace> shared() {
    return sharedView;
  }

  /** The dashboard page of a shared workspace. */
  public Optional<String> dashboard(WorkspaceJson.Workspace w) {
    SignIn s = vpn.signIn().get();
    return s == null
        ? Optional.empty()
        : Optional.of(s.url() + "/@" + w.ownerName() + "/" + w.name());
  }

  /** Reads the list again and fetches the shared workspaces of the current sign-in. */
  public void refresh() {
    ui.check();
    SignIn s = vpn.signIn().get();
    current.set(s == null ? null : s.url());
    Map<String, String> h = headers.get();
    workers.execute(
        () -> {
          SignInIndex index;
          try {
            index = tokens.index();
          } catch (IOException e) {
            LOG.warning("could not read the sign-ins: " + e.getMessage());
            index = SignInIndex.EMPTY;
          }
          // The CLI may have switched (use) or signed in since: follow the store's current one.
          // Not while signed out: signing out picks the next deployment itself.
          Optional<SignIn> moved = Optional.empty();
          if (s != null && index.current().isPresent() && !s.url().equals(index.current().get())) {
            try {
              moved = tokens.load(index.current().get());
            } catch (IOException e) {
              LOG.warning("could not read the current sign-in: " + e.getMessage());
            }
          }
          List<WorkspaceJson.Workspace> found =
              s == null || moved.isPresent() ? List.<WorkspaceJson.Workspace>of() : sharedOf(s, h);
          List<DeploymentUrl> list = index.deployments();
          Optional<SignIn> follow = moved;
          ui.post(
              () -> {
                deployments.setAll(list);
                if (follow.isPresent() && java.util.Objects.equals(s, vpn.signIn().get())) {
                  vpn.switchTo(follow.get());
                  return;
                }
                // A reply for a sign-in that is no longer current is dropped.
                if (java.util.Objects.equals(s, vpn.signIn().get())) {
                  shared.setAll(found);
                }
              });
        });
  }

  /** The user picked {@code url} in the switcher. */
  public void choose(DeploymentUrl url) {
    ui.check();
    SignIn s = vpn.signIn().get();
    if (url == null || s != null && s.url().equals(url)) {
      return;
    }
    workers.execute(
        () -> {
          Optional<SignIn> next;
          try {
            tokens.use(url);
            next = tokens.load(url);
          } catch (IOException | IllegalArgumentException e) {
            LOG.warning("could not switch to " + url + ": " + e.getMessage());
            next = Optional.empty();
          }
          Optional<SignIn> chosen = next;
          ui.post(
              () -> {
                if (chosen.isPresent()) {
                  vpn.switchTo(chosen.get());
                } else {
                  refresh();
                }
              });
        });
  }

  private static List<WorkspaceJson.Workspace> sharedOf(SignIn s, Map<String, String> headers) {
    try {
      CoderClient api = new CoderClient(s.url(), s.token(), headers);
      return SharedWorkspaces.list(api, api.me()).orElse(List.of());
    } catch (CoderException | IllegalArgumentException e) {
      LOG.info("no shared workspaces from " + s.url() + ": " + e.getMessage());
      return List.of();
    }
  }
}
