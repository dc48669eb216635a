// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import com.google.protobuf.ByteString;
import dev.coderdesktop.tunnel.crypto.Key;
import java.util.HexFormat;

/** The tailnet API's encodings of node and disco keys. Stateless. */
public final class NodeKeys {

  private static final ByteString NODE_PREFIX = ByteString.copyFromUtf8("np");
  private static final String DISCO_PREFIX = "discokey:";

  private NodeKeys() {}

  /** A node key on the wire: {@code "np"} then the 32 key bytes. */
  public static ByteString encodeNodeKey(Key publicKey) {
    return NODE_PREFIX.concat(ByteString.copyFrom(publicKey.bytes()));
  }

  /** Decodes a wire node key; throws {@link IllegalArgumentException} on any other shape. */
  public static Key decodeNodeKey(ByteString wire) {
    if (wire.size() != 34 || !wire.startsWith(NODE_PREFIX)) {
      throw new IllegalArgumentException("a node key is \"np\" and 32 bytes, got " + wire.size());
    }
    return Key.publicKey(wire.substring(2).toByteArray());
  }

  /** A disco key on the wire: {@code "discokey:"} and 64 lower-case hex digits. */
  public static String encodeDiscoKey(Key publicKey) {
    return DISCO_PREFIX + HexFormat.of().formatHex(publicKey.bytes());
  }

  /** Decodes a wire disco key; throws {@link IllegalArgumentException} on any other shape. */
  public static Key decodeDiscoKey(String wire) {
    if (!wire.startsWith(DISCO_PREFIX) || wire.length() != DISCO_PREFIX.length() + 64) {
      throw new IllegalArgumentException("a disco key is \"discokey:\" and 64 hex digits");
    }
    try {
      return Key.publicKey(HexFormat.of().parseHex(wire.substring(DISCO_PREFIX.length())));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a disco key is \"discokey:\" and 64 hex digits", e);
    }
  }
}
