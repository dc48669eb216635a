// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.cookie;

import dev.coderdesktop.tunnel.crypto.Blake2s;
import dev.coderdesktop.tunnel.crypto.Key;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The keys derived from a public key for mac1 and for cookie encryption, and MAC helpers. */
final class MacKeys {

  private static final byte[] LABEL_MAC1 = "mac1----".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LABEL_COOKIE = "cookie--".getBytes(StandardCharsets.US_ASCII);

  final byte[] mac1Key;
  final byte[] cookieKey;

  MacKeys(Key publicKey) {
    mac1Key = Blake2s.hash(LABEL_MAC1, publicKey.bytes());
    cookieKey = Blake2s.hash(LABEL_COOKIE, publicKey.bytes());
  }

  /** Offset of mac1 in a handshake message of {@code len} bytes. */
  static int mac1Offset(int len) {
    return len - 32;
  }

  /** Offset of mac2 in a handshake message of {@code len} bytes. */
  static int mac2Offset(int len) {
    return len - 16;
  }

  /** Constant-time comparison of {@code expected} with {@code msg[off, off+16)}. */
  static boolean equalsAt(byte[] expected, byte[] msg, int off) {
    byte[] actual = java.util.Arrays.copyOfRange(msg, off, off + Blake2s.MAC_LENGTH);
    return MessageDigest.isEqual(expected, actual);
  }
}
