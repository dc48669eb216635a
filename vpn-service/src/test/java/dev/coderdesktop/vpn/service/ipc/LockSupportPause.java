// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import java.util.concurrent.locks.LockSupport;

/** A short pause inside a poll loop that has a deadline of its own. */
final class LockSupportPause {
  private LockSupportPause() {}

  static void pause() {
    LockSupport.parkNanos(10_000_000L);
  }
}
