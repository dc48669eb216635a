// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The user's preferences. Immutable.
 *
 * @param startOnLogin whether an XDG autostart entry launches the app at login
 * @param connectOnLaunch whether the app turns CoderVPN on when it starts (if signed in)
 * @param headers extra literal HTTP headers sent to the deployment (by the app and, in Start, by
 *     the service), in order
 * @param notifications whether the app posts desktop notifications (VPN dropped, sign-in expired,
 *     workspace stopped)
 * @param stopOnQuit whether quitting the app turns CoderVPN off
 * @param allowInsecureHttp whether sign-in accepts a plain {@code http://} URL to another machine
 *     (the token then crosses the network unencrypted); http:// to this machine needs no consent
 */
public record Settings(
    boolean startOnLogin,
    boolean connectOnLaunch,
    Map<String, String> headers,
    boolean notifications,
    boolean stopOnQuit,
    boolean allowInsecureHttp) {

  /** Defaults: no autostart, no connect on launch, notifications on, stop on quit, https only. */
  public static final Settings DEFAULTS = new Settings(false, false, Map.of(), true, true, false);

  /** Without consent to plain HTTP. */
  public Settings(
      boolean startOnLogin,
      boolean connectOnLaunch,
      Map<String, String> headers,
      boolean notifications,
      boolean stopOnQuit) {
    this(startOnLogin, connectOnLaunch, headers, notifications, stopOnQuit, false);
  }

  /** Settings with notifications on and stop-on-quit, as {@link #DEFAULTS} has them. */
  public Settings(boolean startOnLogin, boolean connectOnLaunch, Map<String, String> headers) {
    this(startOnLogin, connectOnLaunch, headers, true, true);
  }

  /** Copies the headers, keeping their order. */
  public Settings {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** The headers as the settings window shows them: {@code Name: Value} per line. */
  public String headersText() {
    return headers.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining("\n"));
  }
}
