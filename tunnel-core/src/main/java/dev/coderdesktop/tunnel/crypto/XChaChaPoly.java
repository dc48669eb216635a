// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.crypto;

import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.util.Pack;

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha): HChaCha20 derives a subkey from the key and the
 * first 16 nonce bytes, then ChaCha20-Poly1305 runs with the last 8. WireGuard encrypts cookies
 * with it. Stateless and thread-safe.
 */
public final class XChaChaPoly {

  /** Nonce length. */
  public static final int NONCE_LENGTH = 24;

  private XChaChaPoly() {}

  /** Encrypts {@code plaintext} with associated data; returns ciphertext plus tag. */
  public static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] ad) {
    byte[] sub = Subkeys.hchacha20(key, nonce);
    try {
      return ChaChaPoly.sealOnce(sub, counterOf(nonce), plaintext, ad);
    } finally {
      Arrays.fill(sub, (byte) 0);
    }
  }

  /** Decrypts and authenticates; throws {@link AEADBadTagException} on a bad tag. */
  public static byte[] open(byte[] key, byte[] nonce, byte[] ciphertext, byte[] ad)
      throws AEADBadTagException {
    byte[] sub = Subkeys.hchacha20(key, nonce);
    try {
      return ChaChaPoly.openOnce(sub, counterOf(nonce), ciphertext, ad);
    } finally {
      Arrays.fill(sub, (byte) 0);
    }
  }

  /** The last 8 nonce bytes read as the little-endian counter ChaChaPoly expects. */
  private static long counterOf(byte[] nonce) {
    if (nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException("XChaCha20 nonce must be 24 bytes");
    }
    return Pack.littleEndianToLong(nonce, 16);
  }
}
