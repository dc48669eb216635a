// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.power;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SleepSignalTest {

  @Test
  @DisplayName("gdbus monitor's lines for PrepareForSleep(true) and (false)")
  void signals() {
    assertEquals(
        Optional.of(SleepSignal.SUSPENDING),
        SleepSignal.parse(
            "/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (true,)"));
    assertEquals(
        Optional.of(SleepSignal.RESUMED),
        SleepSignal.parse(
            "/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (false,)"));
  }

  @Test
  @DisplayName("every other line of the monitor, and look-alikes, are not a sleep signal")
  void others() {
    for (String line :
        new String[] {
          "Monitoring signals on object /org/freedesktop/login1 owned by org.freedesktop.login1",
          "The name org.freedesktop.login1 is owned by :1.4",
          "/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForShutdown (false,)",
          "/org/freedesktop/login1: org.freedesktop.login1.Manager.SessionNew ('c2', objectpath"
              + " '/org/freedesktop/login1/session/c2')",
          "/org/freedesktop/login1/x: org.freedesktop.login1.Manager.PrepareForSleep (false,)",
          "/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (maybe,)",
          "/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (false,) x",
          "",
        }) {
      assertEquals(Optional.empty(), SleepSignal.parse(line), line);
    }
  }
}
