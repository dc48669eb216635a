// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control.yamux;

import java.io.IOException;

/** The peer broke the yamux protocol, or the session is gone. */
public final class YamuxException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a reason suitable for a log line. */
  public YamuxException(String reason) {
    super(reason);
  }
}
