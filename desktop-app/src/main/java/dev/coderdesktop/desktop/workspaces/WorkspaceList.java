// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.workspaces;

import dev.coderdesktop.desktop.threading.UiThread;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The tray's workspace list: all rows, and the visible ones — the first {@link #COLLAPSED_ROWS}
 * unless the user asked to show all. Confined to the UI thread (checked on every mutation), so
 * views bind to its observable lists directly.
 */
public final class WorkspaceList {

  /** Rows shown before "Show all". */
  public static final int COLLAPSED_ROWS = 5;

  private final UiThread ui;
  private List<WorkspaceRow> all = List.of();
  private final ObservableList<WorkspaceRow> visible = FXCollections.observableArrayList();
  private final ObservableList<WorkspaceRow> visibleView =
      FXCollections.unmodifiableObservableList(visible);
  private final ReadOnlyIntegerWrapper hidden = new ReadOnlyIntegerWrapper();
  private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
  private final BooleanProperty showAll = new SimpleBooleanProperty();
  private final ReadOnlyObjectWrapper<List<WorkspaceRow>> rows =
      new ReadOnlyObjectWrapper<>(List.of());

  /** An empty list confined to {@code ui}. */
  public WorkspaceList(UiThread ui) {
    this.ui = ui;
    showAll.addListener((o, was, now) -> refresh());
  }

  /** Replaces every row (already mapped and sorted off the UI thread). */
  public void apply(List<WorkspaceRow> rows) {
    ui.check();
    all = List.copyOf(rows);
    refresh();
    this.rows.set(all);
  }

  /** Forgets every row (signed out, VPN off, or service gone). */
  public void clear() {
    apply(List.of());
  }

  private void refresh() {
    ui.check();
    int n = showAll.get() ? all.size() : Math.min(COLLAPSED_ROWS, all.size());
    List<WorkspaceRow> want = all.subList(0, n);
    if (!want.equals(visible)) {
      visible.setAll(want);
    }
    // Total first: views listening to "hidden" read it.
    total.set(all.size());
    hidden.set(all.size() - n);
  }

  /** Every row, in order, as a property that changes with each {@link #apply}. */
  public ReadOnlyObjectProperty<List<WorkspaceRow>> rows() {
    return rows.getReadOnlyProperty();
  }

  /** Every row, in order. */
  public List<WorkspaceRow> all() {
    return all;
  }

  /** The rows on screen. */
  public ObservableList<WorkspaceRow> visible() {
    return visibleView;
  }

  /** How many rows "Show all" would add. */
  public ReadOnlyIntegerProperty hidden() {
    return hidden.getReadOnlyProperty();
  }

  /** How many rows there are. */
  public ReadOnlyIntegerProperty total() {
    return total.getReadOnlyProperty();
  }

  /** Whether every row is shown. */
  public BooleanProperty showAll() {
    return showAll;
  }
}
