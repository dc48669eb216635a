// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.desktop.fixtures.TestUi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AppStateMachineTest {

  private final TestUi ui = new TestUi();

  @AfterEach
  void close() {
    ui.close();
  }

  @Test
  @DisplayName("off, connecting with progress, on, disconnecting, off")
  void happyPath() throws Exception {
    AppStateMachine m = ui.call(() -> new AppStateMachine(ui, AppState.OFF));
    assertTrue(ui.call(() -> m.changeState(AppState.CONNECTING, "Starting…")));
    assertEquals(new AppStatus(AppState.CONNECTING, "Starting…"), ui.call(() -> m.status().get()));
    assertTrue(ui.call(() -> m.changeState(AppState.ON, "")));
    assertTrue(ui.call(() -> m.changeState(AppState.DISCONNECTING, "")));
    assertTrue(ui.call(() -> m.changeState(AppState.OFF, "")));
  }

  @Test
  @DisplayName("a forbidden transition is refused and the state stays")
  void refused() throws Exception {
    AppStateMachine m = ui.call(() -> new AppStateMachine(ui, AppState.SIGNED_OUT));
    assertFalse(ui.call(() -> m.changeState(AppState.ERROR, "x")));
    assertEquals(AppState.SIGNED_OUT, ui.call(m::state));
    ui.exec(() -> m.changeState(AppState.OFF, ""));
    assertFalse(ui.call(() -> m.changeState(AppState.DISCONNECTING, "")));
    assertEquals(AppState.OFF, ui.call(m::state));
  }

  @ParameterizedTest
  @EnumSource(AppState.class)
  @DisplayName("every state can sign out, or is signed out")
  void signOut(AppState s) {
    assertTrue(s == AppState.SIGNED_OUT || s.next().contains(AppState.SIGNED_OUT));
  }

  @Test
  @DisplayName("changing state off the UI thread fails")
  void uiOnly() throws Exception {
    AppStateMachine m = ui.call(() -> new AppStateMachine(ui, AppState.OFF));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> m.changeState(AppState.CONNECTING, ""));
  }
}
