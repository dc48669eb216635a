// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.notify;

import dev.coderdesktop.desktop.state.AppStatus;
import dev.coderdesktop.desktop.threading.UiThread;
import dev.coderdesktop.desktop.workspaces.WorkspaceRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Watches the app's status and workspace rows and raises the notices {@link NotificationRules}
 * picks: when the setting allows, each goes to the desktop through the {@link Notifier} on a
 * worker; the latest is also kept in {@link #latest()} for the tray window to show. Confined to the
 * UI thread (listeners fire there).
 */
public final class Notifications {

  private static final Logger LOG = Logger.getLogger(Notifications.class.getName());

  private final UiThread ui;
  private final Executor workers;
  private final Notifier notifier;
  private final BooleanSupplier enabled;
  private final ReadOnlyObjectWrapper<Notice> latest = new ReadOnlyObjectWrapper<>();
  private List<WorkspaceRow> lastRows = List.of();

  /**
   * @param enabled the "Show desktop notifications" setting, read at each notice
   */
  public Notifications(UiThread ui, Executor workers, Notifier notifier, BooleanSupplier enabled) {
    this.ui = ui;
    this.workers = workers;
    this.notifier = notifier;
    this.enabled = enabled;
  }

  /** Starts watching. */
  public void watch(
      ReadOnlyObjectProperty<AppStatus> status, ReadOnlyObjectProperty<List<WorkspaceRow>> rows) {
    status.addListener(
        (o, was, now) -> NotificationRules.onStatus(was, now).ifPresent(this::raise));
    lastRows = rows.get() == null ? List.of() : rows.get();
    rows.addListener(
        (o, was, now) -> {
          List<WorkspaceRow> rowsNow = now == null ? List.of() : now;
          // An empty list means "not listing" (VPN off), not that every workspace stopped.
          if (!rowsNow.isEmpty()) {
            NotificationRules.onRows(lastRows, rowsNow).forEach(this::raise);
          }
          lastRows = new ArrayList<>(rowsNow);
        });
  }

  /** The latest notice (null before the first). */
  public ReadOnlyObjectProperty<Notice> latest() {
    return latest.getReadOnlyProperty();
  }

  private void raise(Notice n) {
    ui.check();
    if (!enabled.getAsBoolean()) {
      return;
    }
    latest.set(n);
    LOG.info("notice: " + n.summary() + ": " + n.body());
    workers.execute(
        () -> {
          try {
            notifier.post(n);
          } catch (IOException e) {
            LOG.info("desktop notification not shown: " + e.getMessage());
          }
        });
  }
}
