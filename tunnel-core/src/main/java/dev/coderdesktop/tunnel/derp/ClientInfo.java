// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import dev.coderdesktop.tunnel.crypto.InvalidSharedSecretException;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.NaclBox;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The login handshake payloads: ClientInfo (our key, then a box of JSON to the server) and
 * ServerInfo (a box of JSON from the server). Stateless.
 */
final class ClientInfo {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ClientInfo() {}

  /** The ClientInfo payload: our public key, a nonce, and the sealed JSON. */
  static byte[] seal(Key privateKey, Key publicKey, Key serverKey, String json)
      throws InvalidSharedSecretException {
    byte[] nonce = new byte[NaclBox.NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    byte[] box = NaclBox.seal(privateKey, serverKey, nonce, json.getBytes(StandardCharsets.UTF_8));
    byte[] out = new byte[Key.LENGTH + nonce.length + box.length];
    publicKey.copyTo(out, 0);
    System.arraycopy(nonce, 0, out, Key.LENGTH, nonce.length);
    System.arraycopy(box, 0, out, Key.LENGTH + nonce.length, box.length);
    return out;
  }

  /** A nonce followed by a box from {@code sender}, as ServerInfo carries. */
  static byte[] sealInfo(Key privateKey, Key recipient, String json)
      throws InvalidSharedSecretException {
    byte[] nonce = new byte[NaclBox.NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    byte[] box = NaclBox.seal(privateKey, recipient, nonce, json.getBytes(StandardCharsets.UTF_8));
    byte[] out = Arrays.copyOf(nonce, nonce.length + box.length);
    System.arraycopy(box, 0, out, nonce.length, box.length);
    return out;
  }

  /** Opens {@code nonce ‖ box} from {@code sender}; throws on a bad box. */
  static String openInfo(Key privateKey, Key sender, byte[] payload, int offset)
      throws DerpProtocolException {
    if (payload.length - offset < NaclBox.NONCE_LENGTH + NaclBox.OVERHEAD) {
      throw new DerpProtocolException("info frame too short");
    }
    byte[] nonce = Arrays.copyOfRange(payload, offset, offset + NaclBox.NONCE_LENGTH);
    byte[] box = Arrays.copyOfRange(payload, offset + NaclBox.NONCE_LENGTH, payload.length);
    byte[] json;
    try {
      json = NaclBox.open(privateKey, sender, nonce, box);
    } catch (InvalidSharedSecretException e) {
      throw new DerpProtocolException("info sealed with a low-order key");
    }
    if (json == null) {
      throw new DerpProtocolException("info box does not authenticate");
    }
    return new String(json, StandardCharsets.UTF_8);
  }
}
