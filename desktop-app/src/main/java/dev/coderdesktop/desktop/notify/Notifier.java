// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.notify;

import java.io.IOException;

/** Posts a notice to the desktop. Blocking: call from a worker, never the UI thread. */
@FunctionalInterface
public interface Notifier {

  /** Shows {@code n}; fails when the desktop has no notification server. */
  void post(Notice n) throws IOException;
}
