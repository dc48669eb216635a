// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.noise;

import dev.coderdesktop.tunnel.crypto.Blake2s;
import dev.coderdesktop.tunnel.crypto.ChaChaPoly;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * The Noise symmetric state for BLAKE2s and ChaChaPoly: chaining key, handshake hash and the
 * current cipher key. Every handshake key is used for at most one encryption, with nonce 0, as in
 * the IKpsk2 pattern. Not thread-safe.
 */
final class SymmetricState {

  byte[] chainingKey;
  byte[] hash;
  private byte[] key;

  /** Initialises from the protocol name (longer than 32 bytes, so hashed) and the prologue. */
  SymmetricState(byte[] protocolName, byte[] prologue) {
    chainingKey = Blake2s.hash(protocolName);
    hash = chainingKey.clone();
    mixHash(prologue);
  }

  SymmetricState(SymmetricState other) {
    chainingKey = other.chainingKey.clone();
    hash = other.hash.clone();
    key = other.key == null ? null : other.key.clone();
  }

  void mixHash(byte[] data) {
    hash = Blake2s.hash(hash, data);
  }

  /** ck, k = KDF2(ck, input). */
  void mixKey(byte[] input) {
    byte[][] out = Blake2s.kdf(2, chainingKey, input);
    chainingKey = out[0];
    key = out[1];
  }

  /** ck = KDF1(ck, input): the psk-mode treatment of ephemeral keys. */
  void mixChainingKey(byte[] input) {
    chainingKey = Blake2s.kdf(1, chainingKey, input)[0];
  }

  /** ck, tau, k = KDF3(ck, psk); mixHash(tau). */
  void mixKeyAndHash(byte[] psk) {
    byte[][] out = Blake2s.kdf(3, chainingKey, psk);
    chainingKey = out[0];
    mixHash(out[1]);
    key = out[2];
  }

  byte[] encryptAndHash(byte[] plaintext) {
    byte[] c = ChaChaPoly.sealOnce(key, 0, plaintext, hash);
    mixHash(c);
    return c;
  }

  byte[] decryptAndHash(byte[] ciphertext) throws AEADBadTagException {
    byte[] p = ChaChaPoly.openOnce(key, 0, ciphertext, hash);
    mixHash(ciphertext);
    return p;
  }

  /** The two transport keys: initiator-to-responder first. */
  byte[][] split() {
    return Blake2s.kdf(2, chainingKey, new byte[0]);
  }

  void clear() {
    Arrays.fill(chainingKey, (byte) 0);
    Arrays.fill(hash, (byte) 0);
    if (key != null) {
      Arrays.fill(key, (byte) 0);
    }
  }
}
