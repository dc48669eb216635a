// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.workspaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.coderdesktop.desktop.fixtures.Peers;
import dev.coderdesktop.desktop.fixtures.TestUi;
import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkspaceListTest {

  private final TestUi ui = new TestUi();

  @AfterEach
  void close() {
    ui.close();
  }

  private static List<WorkspaceRow> rows(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i -> new WorkspaceRow(Peers.id("w" + i), "w" + i, Workspace.Status.RUNNING, List.of()))
        .toList();
  }

  @Test
  @DisplayName("shows five rows, then every row after Show all, and five again after Show less")
  void showMore() throws Exception {
    WorkspaceList list = ui.call(() -> new WorkspaceList(ui));
    ui.exec(() -> list.apply(rows(8)));
    assertEquals(5, ui.call(() -> list.visible().size()));
    assertEquals(3, ui.call(() -> list.hidden().get()));
    ui.exec(() -> list.showAll().set(true));
    assertEquals(8, ui.call(() -> list.visible().size()));
    assertEquals(0, ui.call(() -> list.hidden().get()));
    ui.exec(() -> list.showAll().set(false));
    assertEquals(5, ui.call(() -> list.visible().size()));
  }

  @Test
  @DisplayName("five or fewer rows need no Show all")
  void few() throws Exception {
    WorkspaceList list = ui.call(() -> new WorkspaceList(ui));
    ui.exec(() -> list.apply(rows(5)));
    assertEquals(5, ui.call(() -> list.visible().size()));
    assertEquals(0, ui.call(() -> list.hidden().get()));
  }

  @Test
  @DisplayName("changing the list off the UI thread is refused, naming the thread")
  void uiThreadOnly() throws Exception {
    WorkspaceList list = ui.call(() -> new WorkspaceList(ui));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> list.apply(rows(1)));
    assertEquals(true, e.getMessage().contains(Thread.currentThread().getName()));
  }
}
