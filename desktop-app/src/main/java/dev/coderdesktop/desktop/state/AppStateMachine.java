// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.state;

import dev.coderdesktop.desktop.threading.UiThread;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Holds the app's {@link AppStatus}; every change goes through {@link #changeState}, which checks
 * the transition against {@link AppState#next()} and logs "was X, requested Y, now Z". Confined to
 * the UI thread (checked), so the observable property can be bound by views directly.
 */
public final class AppStateMachine {

  private static final Logger LOG = Logger.getLogger(AppStateMachine.class.getName());

  private final UiThread ui;
  private final ReadOnlyObjectWrapper<AppStatus> status;

  /** Starts in {@code initial}. */
  public AppStateMachine(UiThread ui, AppState initial) {
    this.ui = ui;
    this.status = new ReadOnlyObjectWrapper<>(AppStatus.of(initial));
  }

  /** The current status, observable on the UI thread. */
  public ReadOnlyObjectProperty<AppStatus> status() {
    return status.getReadOnlyProperty();
  }

  /** The current state. */
  public AppState state() {
    return status.get().state();
  }

  /**
   * Moves to {@code want} with {@code detail}; a transition the diagram forbids is refused and
   * logged, and the state stays as it was.
   *
   * @return whether the state is now {@code want}
   */
  public boolean changeState(AppState want, String detail) {
    ui.check();
    AppStatus was = status.get();
    boolean allowed = want == was.state() || was.state().next().contains(want);
    if (allowed) {
      status.set(new AppStatus(want, detail));
    }
    AppState now = status.get().state();
    if (want != was.state() || !allowed) {
      LOG.info("app state: was " + was.state() + ", requested " + want + ", now " + now);
    }
    return allowed;
  }
}
