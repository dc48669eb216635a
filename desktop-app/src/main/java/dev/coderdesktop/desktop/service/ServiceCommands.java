// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.service;

import dev.coderdesktop.vpn.proto.wire.StartResponse;
import dev.coderdesktop.vpn.proto.wire.StopResponse;
import java.io.IOException;
import java.util.Map;

/** The requests the app makes of the service. Blocking: call from a worker, never the UI thread. */
public interface ServiceCommands {

  /** Asks the service to start CoderVPN for {@code url} with {@code token}. */
  StartResponse start(String url, String token, Map<String, String> headers) throws IOException;

  /** Asks the service to stop CoderVPN. */
  StopResponse stop() throws IOException;
}
