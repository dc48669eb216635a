// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.threading;

import javafx.application.Platform;

/**
 * The one thread that may change UI state (the JavaFX application thread in the app). View models
 * take one so that calls from socket, tray or worker threads marshal themselves onto it, and so
 * that tests can run them without a display.
 */
public interface UiThread {

  /** Whether the caller is on the UI thread. */
  boolean isCurrent();

  /** Runs {@code task} on the UI thread, later. */
  void post(Runnable task);

  /** Runs {@code task} now if on the UI thread, else posts it. */
  default void run(Runnable task) {
    if (isCurrent()) {
      task.run();
    } else {
      post(task);
    }
  }

  /**
   * Fails unless on the UI thread; UI-confined methods call it first.
   *
   * @throws IllegalStateException naming the offending thread
   */
  default void check() {
    if (!isCurrent()) {
      throw new IllegalStateException(
          "UI state touched from thread " + Thread.currentThread().getName() + "; post it instead");
    }
  }

  /** The JavaFX application thread. */
  static UiThread javafx() {
    return new UiThread() {
      @Override
      public boolean isCurrent() {
        return Platform.isFxApplicationThread();
      }

      @Override
      public void post(Runnable task) {
        Platform.runLater(task);
      }
    };
  }
}
