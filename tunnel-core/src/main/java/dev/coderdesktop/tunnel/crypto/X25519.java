// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.crypto;

import java.security.SecureRandom;

/** Curve25519 Diffie-Hellman on raw 32-byte keys (RFC 7748), backed by BouncyCastle. Stateless. */
public final class X25519 {

  private static final SecureRandom RANDOM = new SecureRandom();

  private X25519() {}

  /** A new random private key, clamped as RFC 7748 describes. */
  public static Key generatePrivateKey() {
    byte[] k = new byte[Key.LENGTH];
    RANDOM.nextBytes(k);
    k[0] &= (byte) 248;
    k[31] = (byte) ((k[31] & 127) | 64);
    Key key = Key.secretKey(k);
    java.util.Arrays.fill(k, (byte) 0);
    return key;
  }

  /** The public key for {@code privateKey}. */
  public static Key publicKey(Key privateKey) {
    byte[] priv = privateKey.bytes();
    byte[] pub = new byte[Key.LENGTH];
    org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(priv, 0, pub, 0);
    java.util.Arrays.fill(priv, (byte) 0);
    return Key.publicKey(pub);
  }

  /**
   * The shared secret of {@code privateKey} and {@code publicKey}, or throws {@link
   * InvalidSharedSecretException} when the result is all zeros (a low-order point), as WireGuard
   * requires.
   */
  public static Key sharedSecret(Key privateKey, Key publicKey)
      throws InvalidSharedSecretException {
    byte[] priv = privateKey.bytes();
    byte[] out = new byte[Key.LENGTH];
    boolean ok =
        org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(
            priv, 0, publicKey.bytes(), 0, out, 0);
    java.util.Arrays.fill(priv, (byte) 0);
    if (!ok) {
      throw new InvalidSharedSecretException();
    }
    Key shared = Key.secretKey(out);
    java.util.Arrays.fill(out, (byte) 0);
    return shared;
  }
}
