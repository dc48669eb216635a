// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.crypto;

import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * A 32-byte key: a Curve25519 public or private key, a pre-shared key, or a symmetric key.
 * Immutable; bytes are copied in and out, equality is constant-time, and {@link #toString()} never
 * shows the bytes of a key that may be secret.
 */
public final class Key extends FixedBytes {

  /** Length of every key in bytes. */
  public static final int LENGTH = 32;

  private final boolean secret;

  private Key(byte[] bytes, boolean secret) {
    super(bytes);
    this.secret = secret;
  }

  /** A public key: its {@code toString()} shows its base64 form. */
  public static Key publicKey(byte[] bytes) {
    return new Key(copy(bytes), false);
  }

  /** A secret key (private, pre-shared or symmetric): its {@code toString()} shows nothing. */
  public static Key secretKey(byte[] bytes) {
    return new Key(copy(bytes), true);
  }

  /**
   * Parses base64 (as {@code wg} prints keys), throwing {@link KeyFormatException} on bad input.
   */
  public static Key fromBase64(String text, boolean secret) throws KeyFormatException {
    return parse(text, Base64.getDecoder()::decode, "base64", secret);
  }

  /** Parses 64 hex digits, throwing {@link KeyFormatException} on bad input. */
  public static Key fromHex(String text, boolean secret) throws KeyFormatException {
    return parse(text, HexFormat.of()::parseHex, "hex", secret);
  }

  private static Key parse(
      String text, Function<String, byte[]> decoder, String encoding, boolean secret)
      throws KeyFormatException {
    byte[] raw;
    try {
      raw = decoder.apply(text.strip());
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException("key is not valid " + encoding);
    }
    if (raw.length != LENGTH) {
      throw new KeyFormatException("key must be 32 bytes, got " + raw.length);
    }
    return new Key(raw, secret);
  }

  private static byte[] copy(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("key must be 32 bytes, got " + bytes.length);
    }
    return bytes.clone();
  }

  /** Whether every byte is zero (an unset key, or a low-order X25519 result). */
  public boolean isZero() {
    int acc = 0;
    for (int i = 0; i < LENGTH; i++) {
      acc |= at(i);
    }
    return acc == 0;
  }

  /** Whether this key is secret; secret keys never print their bytes. */
  public boolean isSecret() {
    return secret;
  }

  /**
   * Base64 encoding, as {@code wg} uses. Exposes secret bytes: for config files only, never logs.
   */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes());
  }

  /** Lower-case hex, as the WireGuard UAPI uses. Exposes secret bytes: never log it. */
  public String toHex() {
    return hex(0, LENGTH);
  }

  @Override
  public String toString() {
    return secret ? "Key(secret)" : "Key(" + toBase64() + ")";
  }
}
