// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2sDigest;

/**
 * BLAKE2s as WireGuard uses it: the 256-bit hash, the keyed 128-bit MAC, and HMAC-BLAKE2s (RFC 2104
 * with a 64-byte block). Stateless and thread-safe: each thread reuses one unkeyed digest, so a
 * handshake (a few dozen hashes) allocates no digest state; with a thousand peers handshaking the
 * digests were most of what the start allocated.
 */
public final class Blake2s {

  /** Output length of {@link #hash} and {@link #hmac}. */
  public static final int HASH_LENGTH = 32;

  /** Output length of {@link #mac}. */
  public static final int MAC_LENGTH = 16;

  private static final int BLOCK = 64;

  /** This thread's unkeyed BLAKE2s-256; every use starts with a reset and never nests. */
  private static final ThreadLocal<Blake2sDigest> UNKEYED =
      ThreadLocal.withInitial(() -> new Blake2sDigest(256));

  private Blake2s() {}

  /** BLAKE2s-256 of the concatenation of {@code parts}. */
  public static byte[] hash(byte[]... parts) {
    Blake2sDigest d = UNKEYED.get();
    d.reset();
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[HASH_LENGTH];
    d.doFinal(out, 0);
    return out;
  }

  /** Keyed BLAKE2s with a 16-byte output over {@code data[off, off+len)}. */
  public static byte[] mac(byte[] key, byte[] data, int off, int len) {
    Blake2sDigest d = new Blake2sDigest(key, MAC_LENGTH, null, null);
    d.update(data, off, len);
    byte[] out = new byte[MAC_LENGTH];
    d.doFinal(out, 0);
    return out;
  }

  /** HMAC-BLAKE2s-256 of the concatenation of {@code parts} under {@code key}. */
  public static byte[] hmac(byte[] key, byte[]... parts) {
    byte[] k = key.length > BLOCK ? hash(key) : key;
    byte[] ipad = new byte[BLOCK];
    byte[] opad = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      byte b = i < k.length ? k[i] : 0;
      ipad[i] = (byte) (b ^ 0x36);
      opad[i] = (byte) (b ^ 0x5c);
    }
    // The key is hashed (above) before the digest is taken: hash() uses the same one.
    Blake2sDigest d = UNKEYED.get();
    d.reset();
    d.update(ipad, 0, BLOCK);
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] innerOut = new byte[HASH_LENGTH];
    d.doFinal(innerOut, 0);
    d.reset();
    d.update(opad, 0, BLOCK);
    d.update(innerOut, 0, HASH_LENGTH);
    byte[] out = new byte[HASH_LENGTH];
    d.doFinal(out, 0);
    Arrays.fill(innerOut, (byte) 0);
    Arrays.fill(ipad, (byte) 0);
    Arrays.fill(opad, (byte) 0);
    return out;
  }

  /**
   * The HKDF expansion WireGuard calls KDF<sub>n</sub>: {@code n} 32-byte outputs derived from the
   * chaining key and input ({@code n} is 1, 2 or 3).
   */
  public static byte[][] kdf(int n, byte[] chainingKey, byte[] input) {
    if (n < 1 || n > 3) {
      throw new IllegalArgumentException("kdf outputs must be 1..3");
    }
    byte[] prk = hmac(chainingKey, input);
    byte[][] out = new byte[n][];
    byte[] prev = new byte[0];
    for (int i = 0; i < n; i++) {
      prev = hmac(prk, prev, new byte[] {(byte) (i + 1)});
      out[i] = prev;
    }
    Arrays.fill(prk, (byte) 0);
    return out;
  }
}
