// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.proto;

/**
 * A {@code major.minor} protocol version. Immutable.
 *
 * @param major non-zero major
 * @param minor minor
 */
public record ProtocolVersion(int major, int minor) implements Comparable<ProtocolVersion> {

  /** The newest version this implementation speaks (Coder's 1.3 adds Wake). */
  public static final ProtocolVersion CURRENT = new ProtocolVersion(1, 3);

  /** Parses {@code major.minor}. */
  public static ProtocolVersion parse(String text) throws HandshakeException {
    String[] p = text.split("\\.", -1);
    try {
      if (p.length != 2) {
        throw new NumberFormatException();
      }
      int major = Integer.parseInt(p[0]);
      int minor = Integer.parseInt(p[1]);
      if (major <= 0 || minor < 0) {
        throw new NumberFormatException();
      }
      return new ProtocolVersion(major, minor);
    } catch (NumberFormatException e) {
      throw new HandshakeException("invalid version " + text);
    }
  }

  @Override
  public int compareTo(ProtocolVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
