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
    byte[] sub = hchacha20(key, nonce);
    try {
      return ChaChaPoly.sealOnce(sub, counterOf(nonce), plaintext, ad);
    } finally {
      Arrays.fill(sub, (byte) 0);
    }
  }

  /** Decrypts and authenticates; throws {@link AEADBadTagException} on a bad tag. */
  public static byte[] open(byte[] key, byte[] nonce, byte[] ciphertext, byte[] ad)
      throws AEADBadTagException {
    byte[] sub = hchacha20(key, nonce);
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

  /** HChaCha20 of a 32-byte key and the first 16 bytes of {@code nonce}. */
  static byte[] hchacha20(byte[] key, byte[] nonce) {
    int[] s = new int[16];
    s[0] = 0x61707865;
    s[1] = 0x3320646e;
    s[2] = 0x79622d32;
    s[3] = 0x6b206574;
    Pack.littleEndianToInt(key, 0, s, 4, 8);
    Pack.littleEndianToInt(nonce, 0, s, 12, 4);
    for (int round = 0; round < 10; round++) {
      quarter(s, 0, 4, 8, 12);
      quarter(s, 1, 5, 9, 13);
      quarter(s, 2, 6, 10, 14);
      quarter(s, 3, 7, 11, 15);
      quarter(s, 0, 5, 10, 15);
      quarter(s, 1, 6, 11, 12);
      quarter(s, 2, 7, 8, 13);
      quarter(s, 3, 4, 9, 14);
    }
    byte[] out =
        Pack.intToLittleEndian(new int[] {s[0], s[1], s[2], s[3], s[12], s[13], s[14], s[15]});
    Arrays.fill(s, 0);
    return out;
  }

  private static void quarter(int[] s, int a, int b, int c, int d) {
    s[a] += s[b];
    s[d] = Integer.rotateLeft(s[d] ^ s[a], 16);
    s[c] += s[d];
    s[b] = Integer.rotateLeft(s[b] ^ s[c], 12);
    s[a] += s[b];
    s[d] = Integer.rotateLeft(s[d] ^ s[a], 8);
    s[c] += s[d];
    s[b] = Integer.rotateLeft(s[b] ^ s[c], 7);
  }
}
