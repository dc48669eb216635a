// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import java.time.Duration;

/**
 * Waits between two polls of a build. The caller decides how (a scheduler, a test's counter), so
 * this library never sleeps on its own.
 */
@FunctionalInterface
public interface Pacer {

  /** Returns after about {@code interval}; interruptible. */
  void pause(Duration interval) throws InterruptedException;
}
