// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Coder server version such as {@code v2.24.1+a1b2c3d} or {@code v2.25.0-devel+abc}, reduced to
 * major, minor and patch for the minimum-version check. Immutable.
 *
 * @param major major
 * @param minor minor
 * @param patch patch
 * @param text the version as the server reported it
 */
public record ServerVersion(int major, int minor, int patch, String text)
    implements Comparable<ServerVersion> {

  /** The oldest server Coder Desktop supports (the first with the tailnet API it needs). */
  public static final ServerVersion MINIMUM = new ServerVersion(2, 20, 0, "v2.20.0");

  private static final Pattern SEMVER = Pattern.compile("^v?(\\d+)\\.(\\d+)\\.(\\d+)([-+].*)?$");

  /** Parses the version text; throws {@link IllegalArgumentException} if it is not semver. */
  public static ServerVersion parse(String text) {
    Matcher m = SEMVER.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a version: " + text);
    }
    return new ServerVersion(
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)),
        text.strip());
  }

  @Override
  public int compareTo(ServerVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  /**
   * Whether this server is new enough. Unversioned development builds ({@code v0.0.0-devel+…}) are
   * accepted, as Coder itself treats them as compatible with everything.
   */
  public boolean isSupported() {
    return isDevelopmentBuild() || compareTo(MINIMUM) >= 0;
  }

  /** Whether this is an unversioned development build of Coder. */
  public boolean isDevelopmentBuild() {
    return major == 0 && minor == 0 && patch == 0 && text.contains("-devel");
  }

  @Override
  public String toString() {
    return text;
  }
}
