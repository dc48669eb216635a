// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.proto;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code codervpn} version handshake: each side writes {@code codervpn <role> <versions>\n} and
 * reads the peer's line (at most 256 bytes, read byte by byte so nothing after it is consumed). The
 * agreed version is the highest common major with the lower of the two minors. Stateless.
 */
public final class Handshake {

  /** The roles: manager/tunnel (Coder's daemon) and client/service (app and our service). */
  public enum Role {
    MANAGER("manager"),
    TUNNEL("tunnel"),
    CLIENT("client"),
    SERVICE("service");

    private final String wire;

    Role(String wire) {
      this.wire = wire;
    }

    /** The role's name on the wire. */
    public String wire() {
      return wire;
    }
  }

  private static final int MAX_LINE = 256;
  private static final String MAGIC = "codervpn";

  private Handshake() {}

  /** The header line for {@code role} offering {@code versions} (ascending majors). */
  public static String line(Role role, List<ProtocolVersion> versions) {
    List<String> v = new ArrayList<>();
    for (ProtocolVersion pv : versions) {
      v.add(pv.toString());
    }
    return MAGIC + " " + role.wire() + " " + String.join(",", v) + "\n";
  }

  /**
   * Writes our line, reads the peer's, checks it comes from {@code expectPeer}, and returns the
   * agreed version.
   */
  public static ProtocolVersion perform(
      InputStream in, OutputStream out, Role self, Role expectPeer, List<ProtocolVersion> ours)
      throws IOException {
    out.write(line(self, ours).getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return negotiate(ours, parse(readLine(in), expectPeer));
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("connection closed during the version handshake");
      }
      if (c == '\n') {
        return b.toString(StandardCharsets.US_ASCII);
      }
      if (b.size() >= MAX_LINE) {
        throw new HandshakeException("header line longer than " + MAX_LINE + " bytes");
      }
      b.write(c);
    }
  }

  /** Parses a header line (without its newline), requiring the given role. */
  public static List<ProtocolVersion> parse(String line, Role expect) throws HandshakeException {
    String[] parts = line.split(" ", -1);
    if (parts.length != 3) {
      throw new HandshakeException("header must have 3 parts, got " + parts.length);
    }
    if (!parts[0].equals(MAGIC)) {
      throw new HandshakeException("not a codervpn peer");
    }
    if (!parts[1].equals(expect.wire())) {
      throw new HandshakeException("expected role " + expect.wire() + ", got " + parts[1]);
    }
    List<ProtocolVersion> versions = new ArrayList<>();
    for (String v : parts[2].split(",", -1)) {
      ProtocolVersion pv = ProtocolVersion.parse(v);
      if (!versions.isEmpty() && pv.major() <= versions.get(versions.size() - 1).major()) {
        throw new HandshakeException("majors must be strictly increasing");
      }
      versions.add(pv);
    }
    return versions;
  }

  /** The highest common major, with the lower minor of the two sides. */
  public static ProtocolVersion negotiate(List<ProtocolVersion> ours, List<ProtocolVersion> theirs)
      throws HandshakeException {
    ProtocolVersion best = null;
    for (ProtocolVersion a : ours) {
      for (ProtocolVersion b : theirs) {
        if (a.major() == b.major()) {
          ProtocolVersion v = new ProtocolVersion(a.major(), Math.min(a.minor(), b.minor()));
          if (best == null || v.major() > best.major()) {
            best = v;
          }
        }
      }
    }
    if (best == null) {
      throw new HandshakeException(
          "no common protocol version: ours " + ours + ", theirs " + theirs);
    }
    return best;
  }
}
