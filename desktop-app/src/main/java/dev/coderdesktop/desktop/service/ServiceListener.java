// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.service;

import dev.coderdesktop.vpn.proto.wire.Status;

/** Hears what the service connection learns. Called on a background thread: marshal to the UI. */
public interface ServiceListener {

  /** The service's current status (after connecting, and on every broadcast). */
  void onStatus(Status status);

  /** The service cannot be reached now ({@code reason} is fit to show); a retry is scheduled. */
  void onUnavailable(String reason);
}
