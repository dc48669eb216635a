// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl's {@code crypto_box} (X25519, HSalsa20, XSalsa20-Poly1305) and {@code crypto_secretbox}, as
 * DERP and disco use them. Sealed values are the 16-byte tag followed by the ciphertext. Stateless
 * and thread-safe.
 */
public final class NaclBox {

  /** Nonce length. */
  public static final int NONCE_LENGTH = 24;

  /** Bytes a sealed value adds to its plaintext. */
  public static final int OVERHEAD = 16;

  private NaclBox() {}

  /** {@code crypto_box_beforenm}: the shared secretbox key of a key pair. */
  public static byte[] sharedKey(Key privateKey, Key peerPublic)
      throws InvalidSharedSecretException {
    byte[] s = X25519.sharedSecret(privateKey, peerPublic).bytes();
    byte[] k = Subkeys.hsalsa20(s, new byte[16]);
    Arrays.fill(s, (byte) 0);
    return k;
  }

  /** {@code crypto_box}: seals {@code message} from {@code privateKey} to {@code peerPublic}. */
  public static byte[] seal(Key privateKey, Key peerPublic, byte[] nonce, byte[] message)
      throws InvalidSharedSecretException {
    return secretSeal(sharedKey(privateKey, peerPublic), nonce, message);
  }

  /** {@code crypto_box_open}; returns null if the value does not authenticate. */
  public static byte[] open(Key privateKey, Key peerPublic, byte[] nonce, byte[] sealed)
      throws InvalidSharedSecretException {
    return secretOpen(sharedKey(privateKey, peerPublic), nonce, sealed);
  }

  /** {@code crypto_secretbox} with a 32-byte key. */
  public static byte[] secretSeal(byte[] key, byte[] nonce, byte[] message) {
    XSalsa20Engine stream = stream(key, nonce);
    byte[] polyKey = new byte[32];
    stream.processBytes(new byte[32], 0, 32, polyKey, 0);
    byte[] out = new byte[OVERHEAD + message.length];
    stream.processBytes(message, 0, message.length, out, OVERHEAD);
    byte[] tag = tag(polyKey, out, OVERHEAD, message.length);
    System.arraycopy(tag, 0, out, 0, OVERHEAD);
    return out;
  }

  /** {@code crypto_secretbox_open}; returns null if the value does not authenticate. */
  public static byte[] secretOpen(byte[] key, byte[] nonce, byte[] sealed) {
    if (sealed.length < OVERHEAD) {
      return null;
    }
    XSalsa20Engine stream = stream(key, nonce);
    byte[] polyKey = new byte[32];
    stream.processBytes(new byte[32], 0, 32, polyKey, 0);
    byte[] tag = tag(polyKey, sealed, OVERHEAD, sealed.length - OVERHEAD);
    if (!MessageDigest.isEqual(tag, Arrays.copyOf(sealed, OVERHEAD))) {
      return null;
    }
    byte[] out = new byte[sealed.length - OVERHEAD];
    stream.processBytes(sealed, OVERHEAD, out.length, out, 0);
    return out;
  }

  private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
    if (nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException("NaCl nonce must be 24 bytes");
    }
    XSalsa20Engine e = new XSalsa20Engine();
    e.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    return e;
  }

  private static byte[] tag(byte[] polyKey, byte[] data, int off, int len) {
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(polyKey));
    mac.update(data, off, len);
    byte[] out = new byte[16];
    mac.doFinal(out, 0);
    return out;
  }
}
