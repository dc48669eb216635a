// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ChaCha20-Poly1305 (RFC 8439) with WireGuard's nonce: four zero bytes then a 64-bit little-endian
 * counter. Backed by the JDK cipher, which is fast on recent JDKs.
 *
 * <p>An instance holds one {@link Cipher} and is not thread-safe: each data-path thread owns one.
 * The static helpers use a per-thread instance and suit the (rare) handshake messages.
 */
public final class ChaChaPoly {

  /** Length of the Poly1305 tag appended to every ciphertext. */
  public static final int TAG_LENGTH = 16;

  private static final ThreadLocal<ChaChaPoly> SHARED = ThreadLocal.withInitial(ChaChaPoly::new);

  private Cipher cipher;
  private final byte[] nonce = new byte[12];

  /** Creates an instance with its own JDK cipher. */
  public ChaChaPoly() {
    cipher = newCipher();
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("ChaCha20-Poly1305");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks ChaCha20-Poly1305", e);
    }
  }

  /** Wraps 32 raw key bytes as a JCE key; keep it with the session rather than per packet. */
  public static SecretKeySpec key(byte[] raw) {
    if (raw.length != 32) {
      throw new IllegalArgumentException("ChaCha20-Poly1305 key must be 32 bytes");
    }
    return new SecretKeySpec(raw, "ChaCha20");
  }

  private IvParameterSpec nonce(long counter) {
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] = (byte) (counter >>> (8 * i));
    }
    return new IvParameterSpec(nonce);
  }

  private void init(int mode, SecretKeySpec key, long counter) {
    try {
      cipher.init(mode, key, nonce(counter));
    } catch (InvalidKeyException e) {
      // The JDK refuses to encrypt twice in a row under the same key and nonce; only tests and
      // handshake re-sends hit this, so a fresh cipher is acceptable.
      cipher = newCipher();
      try {
        cipher.init(mode, key, nonce(counter));
      } catch (GeneralSecurityException again) {
        throw new IllegalStateException("cannot initialise ChaCha20-Poly1305", again);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot initialise ChaCha20-Poly1305", e);
    }
  }

  /**
   * Encrypts {@code in} (position to limit) into {@code out} at its position, appending the tag;
   * both positions advance. Returns the ciphertext length. {@code in} and {@code out} may be the
   * same buffer region only if {@code out}'s position equals {@code in}'s.
   */
  public int seal(SecretKeySpec key, long counter, ByteBuffer in, ByteBuffer out) {
    init(Cipher.ENCRYPT_MODE, key, counter);
    try {
      return cipher.doFinal(in, out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  /**
   * Decrypts and authenticates {@code in} (position to limit, tag included) into {@code out};
   * returns the plaintext length.
   *
   * @throws AEADBadTagException if the tag does not verify; {@code out} content is then undefined
   */
  public int open(SecretKeySpec key, long counter, ByteBuffer in, ByteBuffer out)
      throws AEADBadTagException {
    init(Cipher.DECRYPT_MODE, key, counter);
    try {
      return cipher.doFinal(in, out);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
    }
  }

  /**
   * Encrypts {@code buf[off, off+len)} in place and writes the tag after it; returns {@code len +
   * TAG_LENGTH}. {@code buf} must have room for the tag.
   */
  public int sealInPlace(SecretKeySpec key, long counter, byte[] buf, int off, int len) {
    init(Cipher.ENCRYPT_MODE, key, counter);
    try {
      return cipher.doFinal(buf, off, len, buf, off);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  /**
   * Authenticates and decrypts {@code buf[off, off+len)} (tag included) in place; returns the
   * plaintext length.
   *
   * @throws AEADBadTagException if the tag does not verify; the bytes are then undefined
   */
  public int openInPlace(SecretKeySpec key, long counter, byte[] buf, int off, int len)
      throws AEADBadTagException {
    init(Cipher.DECRYPT_MODE, key, counter);
    try {
      return cipher.doFinal(buf, off, len, buf, off);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
    }
  }

  /** This thread's instance, for data-path threads that have no cipher of their own. */
  public static ChaChaPoly forThisThread() {
    return SHARED.get();
  }

  /** Encrypts with associated data, returning ciphertext plus tag. */
  public byte[] seal(SecretKeySpec key, long counter, byte[] plaintext, byte[] ad) {
    init(Cipher.ENCRYPT_MODE, key, counter);
    try {
      cipher.updateAAD(ad);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  /** Decrypts with associated data, throwing {@link AEADBadTagException} on a bad tag. */
  public byte[] open(SecretKeySpec key, long counter, byte[] ciphertext, byte[] ad)
      throws AEADBadTagException {
    init(Cipher.DECRYPT_MODE, key, counter);
    try {
      cipher.updateAAD(ad);
      return cipher.doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
    }
  }

  /** {@link #seal(SecretKeySpec, long, byte[], byte[])} on this thread's shared instance. */
  public static byte[] sealOnce(byte[] key, long counter, byte[] plaintext, byte[] ad) {
    return SHARED.get().seal(key(key), counter, plaintext, ad);
  }

  /** {@link #open(SecretKeySpec, long, byte[], byte[])} on this thread's shared instance. */
  public static byte[] openOnce(byte[] key, long counter, byte[] ciphertext, byte[] ad)
      throws AEADBadTagException {
    return SHARED.get().open(key(key), counter, ciphertext, ad);
  }
}
